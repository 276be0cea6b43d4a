namespace Sharpgrad;

// Cholesky factorisation of symmetric positive-definite matrices, A = L Lᵀ (GVL §4.2).
public static partial class Linalg
{
    /// <summary>
    /// The lower-triangular L with A = L Lᵀ and a positive diagonal (torch.linalg.cholesky); with
    /// <paramref name="upper"/>, U = Lᵀ with A = UᵀU. Only the lower triangle of A is read. Throws
    /// <see cref="LinalgException"/> naming the first leading minor that is not positive when A is not
    /// positive-definite. Backward: Murray (2016), "Differentiation of the Cholesky decomposition", eq. 10.
    /// </summary>
    public static Tensor Cholesky(Tensor a, bool upper = false)
    {
        const string op = "Cholesky";
        MatrixArgs.RequireSquare(a, op);
        MatrixArgs.RequireFinite(a, op);
        var l = CholeskyCore(SymmetricFromLower(a), a.ShapeText);
        return upper ? l.MT() : l;
    }

    /// <summary>
    /// The solution of A X = B given A's Cholesky factor (torch.cholesky_solve; note B comes first): two triangular
    /// solves, L Y = B and Lᵀ X = Y. With <paramref name="upper"/>, <paramref name="l"/> is U with A = UᵀU.
    /// B is [..., n, k] or a vector [..., n]. Differentiable in both B and the factor.
    /// </summary>
    public static Tensor CholeskySolve(Tensor b, Tensor l, bool upper = false)
    {
        MatrixArgs.RequireSquare(l, "CholeskySolve", "L");
        bool vector = b.Rank == 1;
        var rhs = vector ? b.Unsqueeze(-1) : b;
        var lower = upper ? l.MT() : l;
        var y = SolveTriangular(lower, rhs, upper: false);
        var x = SolveTriangular(lower.MT(), y, upper: true);
        return vector ? x.Squeeze(-1) : x;
    }

    /// <summary>
    /// The symmetric matrix whose lower triangle is A's. Writing this as differentiable ops makes autograd see exactly
    /// what the factorisation reads, so gradients w.r.t. A are exact even for an unsymmetric A (they vanish above the diagonal).
    /// </summary>
    private static Tensor SymmetricFromLower(Tensor a) => Tril(a) + Tril(a, -1).MT();

    private static Tensor CholeskyCore(Tensor s, string shownShape)
    {
        var data = MatrixData.Working(s);
        var info = MatrixData.PerMatrix(s, DType.Int64);
        s.Backend.Cholesky(data, info);
        var failedAt = info.ToArray<long>();
        for (int i = 0; i < failedAt.Length; i++)
            if (failedAt[i] >= 0)
                throw new LinalgException(
                    $"Cholesky: {MatrixArgs.Which(s, i)} is not positive-definite: the leading minor of order {failedAt[i] + 1} is not positive (input of shape {shownShape}).");
        var l = MatrixData.Result(data, s.DType);
        return l.Record("Cholesky", [s], g => [CholeskyBackward(l, g)]);
    }

    /// <summary>
    /// Ā = ½(S + Sᵀ) with S = L⁻ᵀ Φ(Lᵀ L̄) L⁻¹, where Φ keeps the lower triangle and halves the diagonal (Murray 2016).
    /// Triangular solves stand in for the inverses.
    /// </summary>
    private static Tensor CholeskyBackward(Tensor l, Tensor g)
    {
        var x = l.MT().MatMul(g);
        var phi = Tril(x) - 0.5 * DiagEmbed(Diagonal(x));
        var y = SolveTriangular(l.MT(), phi, upper: true);
        var s = SolveTriangular(l, y, upper: false, left: false);
        return 0.5 * (s + s.MT());
    }
}
