using System.Runtime.CompilerServices;
using System.Numerics;

namespace Sharpgrad.Classic;

/// <summary>The kernel k(x, z) of a <see cref="SVC"/> (GBC §5.7.2, the kernel trick).</summary>
public enum SvmKernel
{
    /// <summary>k(x, z) = xᵀz.</summary>
    Linear,

    /// <summary>k(x, z) = (γ xᵀz + coef0)^degree.</summary>
    Polynomial,

    /// <summary>k(x, z) = exp(−γ‖x − z‖²), the Gaussian (radial basis function) kernel.</summary>
    Rbf,
}

/// <summary>Gram matrices K[i, j] = k(aᵢ, bⱼ) for whole matrices at once.</summary>
public static class KernelMatrix
{
    /// <summary>
    /// K [N, M] for rows of <paramref name="a"/> [N, D] and <paramref name="b"/> [M, D]: a tensor expression, so it keeps
    /// a's dtype and device and carries gradients to inputs that require them.
    /// </summary>
    public static Tensor Compute(SvmKernel kernel, Tensor a, Tensor b, double gamma, int degree = 3, double coef0 = 0)
    {
        Check(a, b);
        return kernel == SvmKernel.Rbf
            ? (PairwiseDistances.SquaredEuclidean(a, b) * -gamma).Exp()
            : Product(kernel, a, b, gamma, degree, coef0);
    }

    /// <summary>
    /// The matrix of <see cref="Compute"/> as float64 row-major host values, for the SMO loop of <see cref="SVC"/>'s fit
    /// (no gradient; the RBF kernel by the fused host pass below) and for large predicts (<see cref="SvcDecision"/>'s
    /// GEMM blocks). SVC's predict otherwise evaluates kernel rows on the host (<see cref="KernelRows.RowAgainst"/>),
    /// and <see cref="Compute"/> only when the points require grad; all three agree up to float64 rounding (tested
    /// within 1e-12), far below the SMO tolerance.
    /// </summary>
    internal static double[] Values(SvmKernel kernel, Tensor a, Tensor b, double gamma, int degree = 3, double coef0 = 0)
    {
        Check(a, b);
        return kernel == SvmKernel.Rbf ? Rbf(a, b, gamma) : Product(kernel, a, b, gamma, degree, coef0).ToDoubleArray();
    }

    private static void Check(Tensor a, Tensor b)
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Size(1) != b.Size(1))
            throw new ArgumentException($"KernelMatrix.Compute: expected [N, D] and [M, D], got {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)}.");
    }

    private static Tensor Product(SvmKernel kernel, Tensor a, Tensor b, double gamma, int degree, double coef0) => kernel switch
    {
        SvmKernel.Linear => a.MatMul(b.T),
        SvmKernel.Polynomial => (gamma * a.MatMul(b.T) + coef0).Pow(degree),
        _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "KernelMatrix.Compute: unknown kernel."),
    };

    /// <summary>
    /// exp(−γ‖aᵢ − bⱼ‖²) with ‖aᵢ − bⱼ‖² = ‖aᵢ‖² + ‖bⱼ‖² − 2aᵢᵀbⱼ (clamped at 0, as <see cref="PairwiseDistances"/>): one
    /// GEMM, then distance, scale and exp in one pass over its result in place. As tensor expressions the last three
    /// were four passes over [N, M] temporaries (issue #21's SVC profile: 55 of the Gram's 92 ms on the digits; this
    /// form takes 15–21 ms against their 26–32, best of 10, alternating). Computing only the upper triangle of a
    /// symmetric Gram matrix by row blocks measured no faster (the GEMM's packing of the narrowed blocks ate the saving).
    /// </summary>
    private static double[] Rbf(Tensor a, Tensor b, double gamma)
    {
        var (left, right) = (a.Double(), b.Double());
        var kernel = left.MatMul(right.T).ToDoubleArray();
        var aNorms = left.Square().Sum(1).ToDoubleArray();
        var bNorms = ReferenceEquals(a, b) ? aNorms : right.Square().Sum(1).ToDoubleArray();
        int m = bNorms.Length;
        for (int i = 0; i < aNorms.Length; i++) RbfRow(kernel.AsSpan(i * m, m), aNorms[i], bNorms, gamma);
        return kernel;
    }

    // cross holds aᵢᵀbⱼ on entry and k(aᵢ, bⱼ) on exit. The tail goes through the same Vector.Exp, padded to one vector,
    // so K[i, j] does not depend on where j falls relative to the vector width (a scalar Math.Exp tail could differ
    // from Vector.Exp in the last bit).
    // AggressiveOptimization on the fits' host loops: why, and what it costs, in docs/cold-fit-jit.md.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void RbfRow(Span<double> cross, double rowNorm, ReadOnlySpan<double> columnNorms, double gamma)
    {
        int width = Vector<double>.Count, j = 0;
        for (; j <= cross.Length - width; j += width) RbfVector(cross.Slice(j, width), rowNorm, columnNorms.Slice(j, width), gamma);
        if (j == cross.Length) return;
        Span<double> padded = stackalloc double[2 * width];   // zeroed: the unused lanes compute exp(−γ‖aᵢ‖²), discarded
        cross[j..].CopyTo(padded);
        columnNorms[j..].CopyTo(padded[width..]);
        RbfVector(padded[..width], rowNorm, padded[width..], gamma);
        padded[..(cross.Length - j)].CopyTo(cross[j..]);
    }

    // One vector of k = exp(−γ max(‖aᵢ‖² + ‖bⱼ‖² − 2aᵢᵀbⱼ, 0)): the clamp keeps k ≤ 1 where the expansion rounds negative.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RbfVector(Span<double> cross, double rowNorm, ReadOnlySpan<double> columnNorms, double gamma)
    {
        var distance = Vector.Max(new Vector<double>(rowNorm) + new Vector<double>(columnNorms) - new Vector<double>(2.0) * new Vector<double>(cross), Vector<double>.Zero);
        Vector.Exp(distance * new Vector<double>(-gamma)).CopyTo(cross);
    }
}
