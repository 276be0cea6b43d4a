namespace Sharpgrad.Classic;

/// <summary>
/// The Barnes–Hut t-SNE gradient (van der Maaten 2014, eq. 5–6), host-side on plain arrays:
/// ∂C/∂yᵢ = 4 (F_attr,i − F_rep,i / Z), with Z = Σ_{k≠l} (1 + ‖y_k − y_l‖²)⁻¹ and
/// <list type="bullet">
/// <item>F_attr,i = Σⱼ pᵢⱼ qᵢⱼZ (yᵢ − yⱼ) over the sparse P (<see cref="SparseAffinities"/>): O(N·k);</item>
/// <item>F_rep,i = Σⱼ (qᵢⱼZ)² (yᵢ − yⱼ) and Z from the <see cref="SpaceTree"/>, far cells summarised: O(N log N).</item>
/// </list>
/// Points are processed in fixed chunks (their boundaries depend on N only) and the chunks' partial Z added in chunk
/// order, so the result is bitwise the same at any thread count.
/// </summary>
internal static class BarnesHutGradient
{
    private const int Chunk = 64;

    /// <summary>The gradient [N·d] for the embedding <paramref name="y"/> [N·d] and P scaled by <paramref name="exaggeration"/>.</summary>
    public static double[] Compute(SparseAffinities p, double[] y, int d, double theta, double exaggeration)
    {
        int n = p.Count;
        var tree = new SpaceTree(y, d);
        var repulsion = new double[n * d];
        double z = Repulsion(tree, n, d, theta, repulsion);
        var gradient = new double[n * d];
        Span<double> attraction = stackalloc double[d];
        for (int i = 0; i < n; i++)
        {
            attraction.Clear();
            var yi = y.AsSpan(i * d, d);
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                var yj = y.AsSpan(p.Columns[e] * d, d);
                double weight = exaggeration * p.Values[e] / (1 + SpaceTree.SquaredDistance(yi, yj));
                for (int k = 0; k < d; k++) attraction[k] += weight * (yi[k] - yj[k]);
            }
            for (int k = 0; k < d; k++) gradient[i * d + k] = 4 * (attraction[k] - repulsion[i * d + k] / z);
        }
        return gradient;
    }

    /// <summary>
    /// KL(P‖Q) = Σ pᵢⱼ log(pᵢⱼ / qᵢⱼ) over the sparse P, with qᵢⱼ = (1 + ‖yᵢ − yⱼ‖²)⁻¹ / Z and Z from the tree: the
    /// cost scikit-learn reports for Barnes–Hut (exact for θ = 0).
    /// </summary>
    public static double KlDivergence(SparseAffinities p, double[] y, int d, double theta)
    {
        int n = p.Count;
        double z = Repulsion(new SpaceTree(y, d), n, d, theta, new double[n * d]), kl = 0;
        for (int i = 0; i < n; i++)
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                if (p.Values[e] == 0) continue;                        // 0 · log 0 = 0
                double q = 1 / (1 + SpaceTree.SquaredDistance(y.AsSpan(i * d, d), y.AsSpan(p.Columns[e] * d, d))) / z;
                kl += p.Values[e] * Math.Log(p.Values[e] / q);
            }
        return kl;
    }

    // Fills each point's repulsive force and returns Z, summing the chunks' partial Z in chunk order.
    private static double Repulsion(SpaceTree tree, int n, int d, double theta, double[] force)
    {
        int chunks = (n + Chunk - 1) / Chunk;
        var partial = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Threads.Count }, () => new Stack<int>(), (c, _, pending) =>
        {
            double sum = 0;
            for (int i = c * Chunk; i < Math.Min(n, (c + 1) * Chunk); i++)
                sum += tree.Repulsion(i, theta, force.AsSpan(i * d, d), pending);
            partial[c] = sum;
            return pending;
        }, _ => { });
        double z = 0;
        foreach (double s in partial) z += s;
        return z;
    }
}
