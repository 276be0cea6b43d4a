namespace Sharpgrad;

// QR factorisation by Householder reflections (GVL §5.2), the stable way to orthogonalise and to solve least squares.
public static partial class Linalg
{
    /// <summary>
    /// A = QR for A [..., m, n], k = min(m, n) (torch.linalg.qr). <paramref name="mode"/>: "reduced" gives Q [..., m, k]
    /// and R [..., k, n]; "complete" gives a square orthogonal Q [..., m, m] and R [..., m, n]; "r" gives only R (Q is
    /// an empty tensor). R's diagonal may be negative, as with LAPACK. Differentiable for "reduced", and for
    /// "complete" when m ≤ n (the backward of Walter &amp; Lehmann 2018 / PyTorch's linalg_qr_backward).
    /// </summary>
    public static QrResult Qr(Tensor a, string mode = "reduced")
    {
        const string op = "Qr";
        MatrixArgs.RequireMatrix(a, op);
        if (mode is not ("reduced" or "complete" or "r"))
            throw new ArgumentException($"Qr: mode must be \"reduced\", \"complete\" or \"r\", got \"{mode}\".");
        MatrixArgs.RequireFinite(a, op);
        int m = a.shape[^2], n = a.shape[^1], k = Math.Min(m, n);
        bool complete = mode == "complete", wantQ = mode != "r";
        int qCols = complete ? m : k, rRows = complete ? m : k;
        int[] batchShape = a.shape[..^2];
        var r = Tensor.Uninitialized(DType.Float64, [.. batchShape, rRows, n], a.Device);
        var q = wantQ ? Tensor.Uninitialized(DType.Float64, [.. batchShape, m, qCols], a.Device) : null;
        a.Backend.Qr(MatrixData.Working(a), r, q);
        var rTensor = MatrixData.Result(r, a.DType);
        if (!wantQ)
        {
            RequireNoGrad(op, "the backward needs Q, so use mode \"reduced\"", a);
            return new QrResult(Tensor.Zeros([0], a.DType), rTensor);
        }
        var qTensor = MatrixData.Result(q!, a.DType);
        var outputs = MultiOutput.Record([qTensor, rTensor], op, [a], (g, o) => [QrBackward(g[0], g[1], o[0], o[1], complete)]);
        return new QrResult(outputs[0], outputs[1]);
    }

    private static Tensor QrBackward(Tensor gq, Tensor gr, Tensor q, Tensor r, bool complete)
    {
        int m = q.shape[^2], n = r.shape[^1];
        if (complete && m > n)
            throw new NotSupportedException(
                $"Qr backward: with mode \"complete\" and m > n (here {m} > {n}) the last m − n columns of Q are not determined by A, so there is no gradient; use mode \"reduced\".");
        if (m >= n) return QrBackwardTall(gq, gr, q, r);
        // Wide A = [X | Y] with X = Q R₁ (square) and R₂ = QᵀY: Y's gradient is Q·ḡR₂, and R₂ adds Y·ḡR₂ᵀ to Q's.
        var r1 = r.Narrow(-1, 0, m);
        var r2 = r.Narrow(-1, m, n - m);
        var gr2 = gr.Narrow(-1, m, n - m);
        var y = q.MatMul(r2);
        var gx = QrBackwardTall(gq + y.MatMul(gr2.MT()), gr.Narrow(-1, 0, m), q, r1);
        return Tensor.Cat([gx, q.MatMul(gr2)], -1);
    }

    /// <summary>
    /// m ≥ n: Ā = [Q̄ + Q·copyu(M)] R⁻ᵀ with M = R̄Rᵀ − QᵀQ̄, where copyu makes a symmetric matrix from M's upper
    /// triangle. It follows from QᵀdQ being skew-symmetric and dR·R⁻¹ upper-triangular.
    /// </summary>
    private static Tensor QrBackwardTall(Tensor gq, Tensor gr, Tensor q, Tensor r)
    {
        var mm = gr.MatMul(r.MT()) - q.MT().MatMul(gq);
        var symmetric = Triu(mm) + Triu(mm, 1).MT();
        var b = gq + q.MatMul(symmetric);
        return SolveTriangular(r.MT(), b, upper: false, left: false);
    }
}
