namespace Sharpgrad;

// The pseudo-inverse and the numerical rank, both decided by which singular values count as zero (GBC §2.9).
public static partial class Linalg
{
    /// <summary>
    /// The Moore–Penrose pseudo-inverse A⁺ = V Σ⁺ Uᵀ of A [..., m, n] (torch.linalg.pinv; GBC §2.9), with Σ⁺ inverting
    /// the singular values above the tolerance max(atol, rtol·σ_max) and zeroing the rest. Defaults as NumPy and
    /// PyTorch: rtol = max(m, n)·ε when atol is not given, else 0. Works on singular and rectangular matrices: A⁺b is
    /// the minimum-norm least-squares solution. With <paramref name="hermitian"/> A is taken as symmetric and an
    /// eigen-decomposition replaces the SVD. Differentiable through the SVD (needs distinct singular values).
    /// </summary>
    public static Tensor Pinv(Tensor a, double? atol = null, double? rtol = null, bool hermitian = false)
    {
        MatrixArgs.RequireMatrix(a, "Pinv");
        if (hermitian)
        {
            MatrixArgs.RequireSquare(a, "Pinv");
            var (w, v) = Eigh(a);
            var keepW = w.Abs().Gt(RankTolerance(w.Abs(), a, atol, rtol));
            return (v * SafeReciprocal(w, keepW).Unsqueeze(-2)).MatMul(v.MT());
        }
        var (u, s, vh) = Svd(a, fullMatrices: false);
        var keep = s.Gt(RankTolerance(s, a, atol, rtol));
        return (vh.MT() * SafeReciprocal(s, keep).Unsqueeze(-2)).MatMul(u.MT());
    }

    /// <summary>
    /// The number of singular values above max(atol, rtol·σ_max) (torch.linalg.matrix_rank), as int64 [...].
    /// Same tolerance defaults as <see cref="Pinv"/>. With <paramref name="hermitian"/>, |eigenvalues| are used.
    /// </summary>
    public static Tensor MatrixRank(Tensor a, double? atol = null, double? rtol = null, bool hermitian = false)
    {
        MatrixArgs.RequireMatrix(a, "MatrixRank");
        using var _ = Autograd.NoGrad();
        var s = hermitian ? Eigvalsh(a).Abs() : Svdvals(a);
        return s.Gt(RankTolerance(s, a, atol, rtol)).Sum(-1);
    }

    /// <summary>max(atol, rtol·σ_max) per matrix, [..., 1], from singular values (or |eigenvalues|) <paramref name="s"/>.</summary>
    private static Tensor RankTolerance(Tensor s, Tensor a, double? atol, double? rtol)
    {
        double relative = rtol ?? (atol is > 0 ? 0 : Math.Max(a.shape[^1], a.shape[^2]) * MatrixArgs.Eps(a.DType));
        using var _ = Autograd.NoGrad();
        if (s.shape[^1] == 0) return Tensor.Zeros([.. s.shape[..^1], 1], s.DType);
        return (s.Max(-1, keepdim: true).Values * relative).Clamp(min: atol ?? 0);
    }

    /// <summary>1/x where <paramref name="keep"/>, else 0; the inner Where keeps the discarded 1/0 out of the gradient (no 0·∞ = NaN).</summary>
    private static Tensor SafeReciprocal(Tensor x, Tensor keep) => Tensor.Where(keep, 1.0 / Tensor.Where(keep, x, 1.0), 0.0);
}
