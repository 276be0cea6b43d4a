namespace Sharpgrad.Classic;

/// <summary>
/// The space-partitioning tree of Barnes–Hut t-SNE (van der Maaten 2014, §4.2): a quadtree in 2-D, an octree in 3-D
/// (2^d children per cell). Every cell knows how many points lie in it and their centre of mass, so a whole cell far
/// from a point can stand for its points in the repulsive force (<see cref="Repulsion"/>).
/// <para>
/// Built by inserting the points one by one in index order (so the tree, and every sum over it, is the same at any
/// thread count): a leaf holds one point, or several that coincide (or that <see cref="MaxDepth"/> halvings cannot
/// separate), chained through <c>nextInLeaf</c>; inserting a second, distinct point into a leaf splits it.
/// Cells are kept in flat arrays, children of a cell in 2^d consecutive slots, as a student would draw it.
/// </para>
/// </summary>
internal sealed class SpaceTree
{
    /// <summary>Halvings at most: below a cell width of 2⁻⁵⁰ of the root's, points are treated as coincident.</summary>
    public const int MaxDepth = 50;

    private readonly int d, fanOut;
    private readonly double[] points;          // [N·d], the embedding, read only
    private readonly int[] nextInLeaf;         // chain of the points in one leaf, −1 ends it
    private readonly List<double> center = [], halfWidth = [], massSum = [];
    private readonly List<int> count = [], firstChild = [], firstPoint = [], depth = [];
    private double[] centreOfMass = [];
    private double[] squaredWidth = [];        // (largest side of the cell)²

    public SpaceTree(double[] points, int dimensions)
    {
        (this.points, d, fanOut) = (points, dimensions, 1 << dimensions);
        int n = points.Length / d;
        nextInLeaf = new int[n];
        var (low, high) = (new double[d], new double[d]);
        Array.Fill(low, double.PositiveInfinity);
        Array.Fill(high, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
                (low[k], high[k]) = (Math.Min(low[k], points[i * d + k]), Math.Max(high[k], points[i * d + k]));
        // A margin keeps the extreme points strictly inside the root, so "which child" never ties at the border.
        var rootCenter = new double[d];
        var rootHalf = new double[d];
        for (int k = 0; k < d; k++)
            (rootCenter[k], rootHalf[k]) = ((low[k] + high[k]) / 2, (high[k] - low[k]) / 2 * (1 + 1e-3) + 1e-5);
        AddCell(rootCenter, rootHalf, 0);
        for (int i = 0; i < n; i++) Insert(i);
        Summarise();
    }

    public int CellCount => count.Count;

    private int AddCell(ReadOnlySpan<double> cellCenter, ReadOnlySpan<double> cellHalf, int cellDepth)
    {
        for (int k = 0; k < d; k++) { center.Add(cellCenter[k]); halfWidth.Add(cellHalf[k]); massSum.Add(0); }
        count.Add(0);
        firstChild.Add(-1);
        firstPoint.Add(-1);
        depth.Add(cellDepth);
        return count.Count - 1;
    }

    private void Insert(int p)
    {
        int cell = 0;
        while (true)
        {
            AddMass(cell, p);
            if (firstChild[cell] >= 0) { cell = firstChild[cell] + ChildSlot(cell, p); continue; }
            int q = firstPoint[cell];
            if (q < 0 || Coincide(p, q) || depth[cell] >= MaxDepth)
            {
                nextInLeaf[p] = q;                 // prepend to the leaf's chain
                firstPoint[cell] = p;
                return;
            }
            Split(cell);
            cell = firstChild[cell] + ChildSlot(cell, p);
        }
    }

    // Turns a leaf into 2^d children and moves its chain (all at one position) into the child that contains it.
    private void Split(int cell)
    {
        Span<double> childCenter = stackalloc double[d], childHalf = stackalloc double[d];
        int first = count.Count;
        for (int slot = 0; slot < fanOut; slot++)
        {
            for (int k = 0; k < d; k++)
            {
                childHalf[k] = halfWidth[cell * d + k] / 2;
                childCenter[k] = center[cell * d + k] + ((slot >> k & 1) == 1 ? childHalf[k] : -childHalf[k]);
            }
            AddCell(childCenter, childHalf, depth[cell] + 1);
        }
        firstChild[cell] = first;
        int chain = firstPoint[cell];
        int target = first + ChildSlot(cell, chain);
        firstPoint[cell] = -1;
        firstPoint[target] = chain;
        for (int q = chain; q >= 0; q = nextInLeaf[q]) AddMass(target, q);
    }

    private int ChildSlot(int cell, int p)
    {
        int slot = 0;
        for (int k = 0; k < d; k++)
            if (points[p * d + k] > center[cell * d + k]) slot |= 1 << k;
        return slot;
    }

    private bool Coincide(int p, int q)
    {
        for (int k = 0; k < d; k++)
            if (points[p * d + k] != points[q * d + k]) return false;
        return true;
    }

    private void AddMass(int cell, int p)
    {
        count[cell]++;
        for (int k = 0; k < d; k++) massSum[cell * d + k] += points[p * d + k];
    }

    private void Summarise()
    {
        int cells = count.Count;
        centreOfMass = new double[cells * d];
        squaredWidth = new double[cells];
        for (int c = 0; c < cells; c++)
        {
            double widest = 0;
            for (int k = 0; k < d; k++)
            {
                if (count[c] > 0) centreOfMass[c * d + k] = massSum[c * d + k] / count[c];
                widest = Math.Max(widest, 2 * halfWidth[c * d + k]);
            }
            squaredWidth[c] = widest * widest;
        }
    }

    /// <summary>
    /// The repulsive part of point <paramref name="i"/>'s t-SNE gradient, unnormalised: adds
    /// Σⱼ qᵢⱼZ² (yᵢ − yⱼ) to <paramref name="force"/> and returns Σⱼ qᵢⱼZ, with qᵢⱼZ = (1 + ‖yᵢ − yⱼ‖²)⁻¹ over j ≠ i.
    /// A cell whose width w and distance r from yᵢ to its centre of mass satisfy w / r &lt; θ contributes
    /// count · qZ² (yᵢ − centre) as one point; leaves are summed point by point, which makes θ = 0 exact.
    /// </summary>
    public double Repulsion(int i, double theta, Span<double> force, Stack<int> pending)
    {
        double thetaSquared = theta * theta, sumQ = 0;
        var y = points.AsSpan(i * d, d);
        pending.Clear();
        pending.Push(0);
        while (pending.Count > 0)
        {
            int c = pending.Pop();
            if (count[c] == 0) continue;
            if (firstChild[c] < 0)
            {
                for (int j = firstPoint[c]; j >= 0; j = nextInLeaf[j])
                    if (j != i) sumQ += Interact(y, points.AsSpan(j * d, d), 1, force);
                continue;
            }
            double distance = SquaredDistance(y, centreOfMass.AsSpan(c * d, d));
            if (squaredWidth[c] < thetaSquared * distance)
                sumQ += Interact(y, centreOfMass.AsSpan(c * d, d), count[c], force);
            else
                for (int slot = fanOut - 1; slot >= 0; slot--) pending.Push(firstChild[c] + slot);
        }
        return sumQ;
    }

    private static double Interact(ReadOnlySpan<double> y, ReadOnlySpan<double> other, int weight, Span<double> force)
    {
        double qZ = 1 / (1 + SquaredDistance(y, other));
        double pull = weight * qZ * qZ;
        for (int k = 0; k < y.Length; k++) force[k] += pull * (y[k] - other[k]);
        return weight * qZ;
    }

    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += (a[k] - b[k]) * (a[k] - b[k]);
        return sum;
    }
}
