namespace Sharpgrad;

// Determinants from the LU factorisation (GBC §2.11): det A = ±∏ u_jj.
public static partial class Linalg
{
    /// <summary>
    /// det A for square A [..., n, n] (torch.linalg.det). det A = ∏λᵢ (GBC §2.11).
    /// Backward: ∂det/∂A = det(A)·A⁻ᵀ (Giles 2008, §2.2.4). Its gradient at a singular matrix is not supported
    /// and throws (PyTorch falls back to an SVD there).
    /// </summary>
    public static Tensor Det(Tensor a)
    {
        var (det, _, _) = Determinants(a, "Det");
        return det.Record("Det", [a], g => [ScaledInverseTranspose(a, g * det, "Det backward")]);
    }

    /// <summary>
    /// sign(det A) and log|det A| (torch.linalg.slogdet), which stay finite where det itself would over- or underflow,
    /// e.g. for the log-likelihood of a Gaussian. A singular matrix gives sign 0 and log|det| = −∞.
    /// Backward (through LogAbsDet; the sign is piecewise constant): A⁻ᵀ.
    /// </summary>
    public static SlogDetResult SlogDet(Tensor a)
    {
        var (_, sign, logAbs) = Determinants(a, "SlogDet");
        logAbs = logAbs.Record("SlogDet", [a], g => [ScaledInverseTranspose(a, g, "SlogDet backward")]);
        return new SlogDetResult(sign, logAbs);
    }

    /// <summary>det, sign and log|det| of every matrix in the batch, unrecorded.</summary>
    private static (Tensor Det, Tensor Sign, Tensor LogAbsDet) Determinants(Tensor a, string op)
    {
        MatrixArgs.RequireSquare(a, op);
        MatrixArgs.RequireFinite(a, op);
        var det = MatrixData.PerMatrix(a, DType.Float64);
        var sign = MatrixData.PerMatrix(a, DType.Float64);
        var logAbs = MatrixData.PerMatrix(a, DType.Float64);
        a.Backend.Determinant(MatrixData.Working(a), det, sign, logAbs);
        return (MatrixData.Result(det, a.DType), MatrixData.Result(sign, a.DType), MatrixData.Result(logAbs, a.DType));
    }

    /// <summary>s·A⁻ᵀ for a batch of scalars s, as the solution of Aᵀ X = s·I (differentiable, for second order).</summary>
    private static Tensor ScaledInverseTranspose(Tensor a, Tensor scale, string op)
    {
        var rhs = scale.Unsqueeze(-1).Unsqueeze(-1) * Tensor.Eye(a.shape[^1], dtype: a.DType);
        return SolveSquare(a.MT(), rhs, op, a.ShapeText);
    }
}
