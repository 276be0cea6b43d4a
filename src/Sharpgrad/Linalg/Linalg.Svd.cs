namespace Sharpgrad;

// Singular value decomposition A = U diag(σ) Vᵀ (GBC §2.8), by one-sided Jacobi.
public static partial class Linalg
{
    /// <summary>
    /// A = U diag(S) Vh for A [..., m, n], k = min(m, n), singular values descending (torch.linalg.svd). With
    /// <paramref name="fullMatrices"/> (the default, as in PyTorch) U is [..., m, m] and Vh [..., n, n]; otherwise
    /// U is [..., m, k] and Vh [..., k, n]. Singular vectors are defined up to a simultaneous sign flip of uᵢ and vᵢ.
    /// <para>Backward (Townsend 2016; PyTorch's svd_backward): gradients through S always; through U and Vh they need
    /// distinct singular values (and nonzero ones when A is not square). As in PyTorch, with full matrices the
    /// gradients w.r.t. the extra columns of U or rows of Vh are ignored: those vectors are arbitrary.</para>
    /// </summary>
    public static SvdResult Svd(Tensor a, bool fullMatrices = true)
    {
        const string op = "Svd";
        MatrixArgs.RequireMatrix(a, op);
        MatrixArgs.RequireFinite(a, op);
        int m = a.shape[^2], n = a.shape[^1], k = Math.Min(m, n);
        int uCols = fullMatrices ? m : k, vtRows = fullMatrices ? n : k;
        int[] batchShape = a.shape[..^2];
        var s = Tensor.Uninitialized(DType.Float64, [.. batchShape, k], a.Device);
        var u = Tensor.Uninitialized(DType.Float64, [.. batchShape, m, uCols], a.Device);
        var vt = Tensor.Uninitialized(DType.Float64, [.. batchShape, vtRows, n], a.Device);
        var converged = MatrixData.PerMatrix(a, DType.Bool);
        a.Backend.Svd(MatrixData.Working(a), s, u, vt, converged);
        ThrowIfNotConverged(converged, a, op, "the one-sided Jacobi sweeps");
        var outputs = MultiOutput.Record(
            [MatrixData.Result(u, a.DType), MatrixData.Result(s, a.DType), MatrixData.Result(vt, a.DType)],
            op, [a], (g, o) => [SvdBackward(g[0], g[1], g[2], o[0], o[1], o[2])]);
        return new SvdResult(outputs[0], outputs[1], outputs[2]);
    }

    /// <summary>The singular values in descending order (torch.linalg.svdvals). Backward: U diag(S̄) Vh.</summary>
    public static Tensor Svdvals(Tensor a) => Svd(a, fullMatrices: false).S;

    private static Tensor SvdBackward(Tensor gu, Tensor gs, Tensor gvh, Tensor u, Tensor s, Tensor vh)
    {
        int m = u.shape[^2], n = vh.shape[^1], k = s.shape[^1];
        if (u.shape[^1] > k) (u, gu) = (u.Narrow(-1, 0, k), gu.Narrow(-1, 0, k));
        if (vh.shape[^2] > k) (vh, gvh) = (vh.Narrow(-2, 0, k), gvh.Narrow(-2, 0, k));
        var utgu = u.MT().MatMul(gu);
        var vtgv = vh.MatMul(gvh.MT());
        var s2 = s * s;
        var rowS = s.Unsqueeze(-2);    // S_k along columns
        var columnS = s.Unsqueeze(-1); // S_j along rows
        var inner = ((utgu - utgu.MT()) * rowS + columnS * (vtgv - vtgv.MT())) / SafeGaps(s2.Unsqueeze(-2) - s2.Unsqueeze(-1))
                    + DiagEmbed(gs);
        // S_safe: a zero singular value has no defined vector gradient; ∞ makes its (normally zero) term vanish.
        var safeS = SafeGaps(s);
        if (m > n)
        {
            // The part of Ū outside U's span: (I − UUᵀ) Ū S⁻¹.
            var guSinv = gu / safeS.Unsqueeze(-2);
            return (u.MatMul(inner) + guSinv - u.MatMul(u.MT().MatMul(guSinv))).MatMul(vh);
        }
        if (m < n)
        {
            var sinvGvh = gvh / safeS.Unsqueeze(-1);
            return u.MatMul(inner.MatMul(vh) + sinvGvh - sinvGvh.MatMul(vh.MT()).MatMul(vh));
        }
        return u.MatMul(inner).MatMul(vh);
    }
}
