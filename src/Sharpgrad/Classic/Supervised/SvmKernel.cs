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
    /// <summary>K [N, M] for rows of <paramref name="a"/> [N, D] and <paramref name="b"/> [M, D].</summary>
    public static Tensor Compute(SvmKernel kernel, Tensor a, Tensor b, double gamma, int degree = 3, double coef0 = 0)
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Size(1) != b.Size(1))
            throw new ArgumentException($"KernelMatrix.Compute: expected [N, D] and [M, D], got {ShapeUtil.Format(a.Shape)} and {ShapeUtil.Format(b.Shape)}.");
        return kernel switch
        {
            SvmKernel.Linear => a.MatMul(b.T),
            SvmKernel.Polynomial => (gamma * a.MatMul(b.T) + coef0).Pow(degree),
            SvmKernel.Rbf => (PairwiseDistances.SquaredEuclidean(a, b) * -gamma).Exp(),
            _ => throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "KernelMatrix.Compute: unknown kernel."),
        };
    }
}
