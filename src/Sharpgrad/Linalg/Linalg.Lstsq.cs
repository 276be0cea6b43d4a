namespace Sharpgrad;

// Linear least squares, min_X ‖AX − B‖ (GBC §4.5 and §5.1.4 linear regression).
public static partial class Linalg
{
    /// <summary>
    /// The least-squares solution of A X ≈ B for A [..., m, n] and B [..., m, k] or a vector [..., m]
    /// (torch.linalg.lstsq). <paramref name="driver"/>:
    /// <list type="bullet">
    /// <item>"gels": Householder QR, X = R⁻¹QᵀB (for wide A, the minimum-norm X = Q R⁻ᵀ B from Aᵀ = QR). A must have
    /// full rank; a rank-deficient A throws.</item>
    /// <item>"gelsd" (or "gelss"): the SVD, X = A⁺B, the minimum-norm solution for any rank, singular values at or
    /// below <paramref name="rcond"/>·σ_max being treated as zero.</item>
    /// <item>null (the default): QR when A is tall or square and clearly well-conditioned, every |r_ii| above
    /// max(rcond, √ε)·max|r_ii|; otherwise (for the whole batch) the SVD. Since min|r_ii| ≥ σ_min, a nearly singular A
    /// always goes to the SVD, and singular and wide systems get the minimum-norm solution, as with PyTorch's default
    /// "gelsy". The SVD gives the same answer as QR on full-rank input, so the generous √ε only costs time.</item>
    /// </list>
    /// <paramref name="rcond"/> defaults to ε·max(m, n). Differentiable through the QR or SVD it uses.
    /// </summary>
    public static LstsqResult Lstsq(Tensor a, Tensor b, double? rcond = null, string? driver = null)
    {
        const string op = "Lstsq";
        MatrixArgs.RequireMatrix(a, op);
        if (!b.DType.IsFloatingPoint() || b.Rank < 1)
            throw new ArgumentException($"Lstsq: B must be a float vector or matrix, got {b.DType.Name()} of shape {b.ShapeText}.");
        MatrixArgs.RequireSameDType(a, b, op);
        if (driver is not (null or "gels" or "gelsd" or "gelss" or "gelsy"))
            throw new ArgumentException($"Lstsq: driver must be null, \"gels\", \"gelsy\", \"gelsd\" or \"gelss\", got \"{driver}\".");
        MatrixArgs.RequireFinite(a, op, "A");
        MatrixArgs.RequireFinite(b, op, "B");
        bool vector = IsVectorRhs(a, b);
        var (matrix, rhs) = BroadcastBatch(a, vector ? b.Unsqueeze(-1) : b, op);
        int m = a.shape[^2], n = a.shape[^1];
        double tolerance = rcond ?? MatrixArgs.Eps(a.DType) * Math.Max(m, n);

        var result = driver is "gelsd" or "gelss"
            ? LstsqBySvd(matrix, rhs, tolerance)
            : LstsqByQr(matrix, rhs, tolerance, fallBack: driver is null or "gelsy", Math.Sqrt(MatrixArgs.Eps(a.DType)))
              ?? LstsqBySvd(matrix, rhs, tolerance);
        var x = result.Solution;
        // Like PyTorch, squared residuals ‖AX − B‖² per column only for tall full-rank A; an empty tensor otherwise.
        var residuals = m > n && result.Rank.Eq(n).All() ? (matrix.MatMul(x) - rhs).Square().Sum(-2) : Tensor.Zeros([0], a.DType);
        if (vector) (x, residuals) = (x.Squeeze(-1), residuals.Count > 0 ? residuals.Squeeze(-1) : residuals);
        return result with { Solution = x, Residuals = residuals };
    }

    /// <summary>
    /// The QR route. With <paramref name="fallBack"/> it returns null for wide A, or when some |r_ii| is at or below
    /// max(rcond, <paramref name="fallBackBelow"/>)·max|r_ii|, so that the SVD takes over; without, a rank-deficient A throws.
    /// </summary>
    private static LstsqResult? LstsqByQr(Tensor a, Tensor b, double rcond, bool fallBack, double fallBackBelow)
    {
        int m = a.shape[^2], n = a.shape[^1];
        int[] batch = a.shape[..^2];
        if (m < n && fallBack) return null;
        bool wide = m < n;
        var (q, r) = Qr(wide ? a.MT() : a);
        bool deficient;
        using (Autograd.NoGrad())
        {
            var diagonal = Diagonal(r).Abs();
            double threshold = fallBack ? Math.Max(rcond, fallBackBelow) : rcond;
            deficient = diagonal.Count > 0 && diagonal.Le(diagonal.Max(-1, keepdim: true).Values * threshold).Any();
        }
        if (deficient)
        {
            if (fallBack) return null;
            throw new LinalgException($"Lstsq: A of shape {a.ShapeText} is rank-deficient, which driver \"gels\" cannot handle; use driver \"gelsd\" or the default.");
        }
        // Tall: A = QR, X = R⁻¹QᵀB. Wide: Aᵀ = QR, so A = RᵀQᵀ and the minimum-norm X = Q R⁻ᵀ B.
        var x = wide
            ? q.MatMul(SolveTriangular(r.MT(), b, upper: false))
            : SolveTriangular(r, q.MT().MatMul(b), upper: true);
        var rank = Tensor.Full(batch, Math.Min(m, n), DType.Int64);
        return new LstsqResult(x, Tensor.Zeros([0], a.DType), rank, Tensor.Zeros([0], a.DType));
    }

    /// <summary>The SVD route: X = V Σ⁺ UᵀB, the minimum-norm least-squares solution (GBC §2.9).</summary>
    private static LstsqResult LstsqBySvd(Tensor a, Tensor b, double rcond)
    {
        var (u, s, vh) = Svd(a, fullMatrices: false);
        var keep = s.Gt(RankTolerance(s, a, atol: null, rtol: rcond));
        var x = vh.MT().MatMul(SafeReciprocal(s, keep).Unsqueeze(-1) * u.MT().MatMul(b));
        return new LstsqResult(x, Tensor.Zeros([0], a.DType), keep.Sum(-1), s);
    }
}
