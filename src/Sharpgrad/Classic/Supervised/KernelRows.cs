using System.Runtime.CompilerServices;
namespace Sharpgrad.Classic;

/// <summary>
/// Kernel rows K[i, ·] = k(xᵢ, ·) of a training set, one row at a time on the host, for the rows SMO asks for
/// (LIBSVM's get_Q, Chang &amp; Lin 2011 §5.1: only the rows the solver touches are ever computed). A row is N dot
/// products of the features, then the kernel's map of each; the squared norms ‖xⱼ‖² of the RBF kernel are computed
/// once here, not again for every row. <see cref="Subset"/> gathers the rows of a one-vs-one problem, norms included.
/// </summary>
internal sealed class KernelRows
{
    private readonly SvmKernel kernel;
    private readonly double[] features;         // [Count, width] row-major float64
    private readonly double[] squaredNorms;     // ‖xⱼ‖²
    private readonly int width;
    private readonly double gamma, coef0;
    private readonly int degree;

    private KernelRows(SvmKernel kernel, double[] features, double[] squaredNorms, int width, double gamma, int degree, double coef0)
    {
        (this.kernel, this.features, this.squaredNorms, this.width) = (kernel, features, squaredNorms, width);
        (this.gamma, this.degree, this.coef0) = (gamma, degree, coef0);
    }

    /// <summary>The rows of <paramref name="x"/> [N, D] under the kernel with these parameters.</summary>
    public static KernelRows Of(SvmKernel kernel, Tensor x, double gamma, int degree, double coef0)
    {
        int n = x.Size(0), width = x.Size(1);
        var features = x.ToDoubleArray();
        return new KernelRows(kernel, features, HostDot.RowNorms(features, n, width), width, gamma, degree, coef0);
    }

    /// <summary>The number of training rows N.</summary>
    public int Count => squaredNorms.Length;

    /// <summary>The same kernel on the training rows <paramref name="rows"/> only, in that order.</summary>
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public KernelRows Subset(int[] rows)
    {
        var gathered = new double[rows.Length * width];
        var norms = new double[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            features.AsSpan(rows[r] * width, width).CopyTo(gathered.AsSpan(r * width, width));
            norms[r] = squaredNorms[rows[r]];
        }
        return new KernelRows(kernel, gathered, norms, width, gamma, degree, coef0);
    }

    /// <summary>Writes k(xᵢ, xⱼ) for every j into <paramref name="row"/> [N].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Row(int i, Span<double> row)
    {
        if (row.Length != Count)
            throw new ArgumentException($"KernelRows.Row: the row has length {row.Length}, expected the {Count} training rows.", nameof(row));
        var xI = Features(i);
        for (int j = 0; j < row.Length; j++) row[j] = HostDot.Of(xI, Features(j));
        Map(row, squaredNorms[i], squaredNorms);
    }

    /// <summary>
    /// Writes k(z, xⱼ) for every training row j into <paramref name="row"/> [N]: a kernel row for a new point, by the
    /// same dot products and map as <see cref="Row"/> (what <see cref="SvcDecision"/> evaluates at prediction).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RowAgainst(ReadOnlySpan<double> z, Span<double> row)
    {
        if (z.Length != width || row.Length != Count)
            throw new ArgumentException($"KernelRows.RowAgainst: got a point of {z.Length} features and a row of {row.Length}, expected {width} and the {Count} training rows.");
        for (int j = 0; j < row.Length; j++) row[j] = HostDot.Of(z, Features(j));
        Map(row, HostDot.Of(z, z), squaredNorms);
    }

    /// <summary>
    /// k(zᵢ, xⱼ) [M, N] row-major for the float64 points <paramref name="points"/> [M, D] by one multi-threaded GEMM
    /// (<see cref="KernelMatrix.Values"/>): the same values as <see cref="RowAgainst"/> per point up to float64
    /// rounding (the GEMM sums the dot products in another order), for many points at once.
    /// </summary>
    public double[] Against(Tensor points) => KernelMatrix.Values(kernel, points, AsTensor(), gamma, degree, coef0);

    /// <summary>K(z, X) [M, N] as a differentiable tensor expression (<see cref="KernelMatrix.Compute"/>), for points that require grad.</summary>
    public Tensor Expression(Tensor points) => KernelMatrix.Compute(kernel, points, AsTensor(), gamma, degree, coef0);

    // The rows as a tensor over the same array (never written through).
    private Tensor AsTensor() => Tensor.FromArray(features, Count, width);

    /// <summary>A copy of the rows as a float64 tensor [N, D].</summary>
    public Tensor ToTensor() => Tensor.FromArray((double[])features.Clone(), Count, width);

    /// <summary>k(xᵢ, xᵢ), through the same map as a row's entries.</summary>
    public double Diagonal(int i)
    {
        Span<double> entry = [squaredNorms[i]];                  // xᵢᵀxᵢ is the squared norm
        Map(entry, squaredNorms[i], squaredNorms.AsSpan(i, 1));
        return entry[0];
    }

    /// <summary>The whole N×N matrix at once by one GEMM (<see cref="KernelMatrix.Values"/>), row-major.</summary>
    public double[] Gram()
    {
        var x = AsTensor();
        return KernelMatrix.Values(kernel, x, x, gamma, degree, coef0);
    }

    private ReadOnlySpan<double> Features(int i) => features.AsSpan(i * width, width);

    // xᵢᵀxⱼ → k(xᵢ, xⱼ) in place, the same formulas as KernelMatrix (the RBF by its very row pass).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Map(Span<double> dots, double rowNorm, ReadOnlySpan<double> columnNorms)
    {
        switch (kernel)
        {
            case SvmKernel.Rbf:
                KernelMatrix.RbfRow(dots, rowNorm, columnNorms, gamma);
                break;
            case SvmKernel.Polynomial:
                for (int j = 0; j < dots.Length; j++) dots[j] = Math.Pow(gamma * dots[j] + coef0, degree);
                break;
            case SvmKernel.Linear:
                break;
            default:
                throw new InvalidOperationException($"KernelRows: unknown kernel {kernel}.");
        }
    }
}
