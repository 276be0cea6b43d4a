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
    /// <summary>K [N, M] for rows of <paramref name="a"/> [N, D] and <paramref name="b"/> [M, D], in a's dtype.</summary>
    public static Tensor Compute(SvmKernel kernel, Tensor a, Tensor b, double gamma, int degree = 3, double coef0 = 0)
    {
        Check(a, b);
        return kernel == SvmKernel.Rbf
            ? Tensor.FromArray(Rbf(a, b, gamma), a.Size(0), b.Size(0)).To(a.DType)
            : Product(kernel, a, b, gamma, degree, coef0);
    }

    /// <summary>The same matrix as <see cref="Compute"/>, float64 row-major on the host, for the SMO loop to read.</summary>
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

    // cross holds aᵢᵀbⱼ on entry and k(aᵢ, bⱼ) on exit.
    private static void RbfRow(Span<double> cross, double rowNorm, ReadOnlySpan<double> columnNorms, double gamma)
    {
        int j = 0;
        var (scale, norm, two) = (new Vector<double>(-gamma), new Vector<double>(rowNorm), new Vector<double>(2.0));
        for (; j <= cross.Length - Vector<double>.Count; j += Vector<double>.Count)
        {
            var distance = Vector.Max(norm + new Vector<double>(columnNorms[j..]) - two * new Vector<double>(cross[j..]), Vector<double>.Zero);
            Vector.Exp(distance * scale).CopyTo(cross[j..]);
        }
        for (; j < cross.Length; j++) cross[j] = Math.Exp(Math.Max(rowNorm + columnNorms[j] - 2 * cross[j], 0) * -gamma);
    }
}
