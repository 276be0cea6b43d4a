namespace Sharpgrad;

// Eigen-decomposition of symmetric matrices, A = V diag(λ) Vᵀ (GBC §2.7), by Householder tridiagonalisation and implicit QL on the CPU (cyclic Jacobi on the reference backend).
public static partial class Linalg
{
    /// <summary>
    /// Eigenvalues in ascending order and orthonormal eigenvectors (the columns of V) of the symmetric A [..., n, n]
    /// (torch.linalg.eigh). Only the lower triangle (<paramref name="uplo"/> "L") or the upper one ("U") is read.
    /// Eigenvectors are defined up to sign (and, for a repeated eigenvalue, up to a rotation within its eigenspace).
    /// Use <see cref="EighDescending"/> for the books' largest-first order.
    /// <para>Backward (Giles 2008, §3.1): Ā = V(diag(λ̄) + F ∘ ½(VᵀV̄ − V̄ᵀV))Vᵀ with F_ij = 1/(λ_j − λ_i). It needs distinct
    /// eigenvalues for gradients through V; a pair of exactly equal eigenvalues contributes nothing, which is exact
    /// for functions that do not depend on the basis chosen inside the repeated eigenspace (e.g. of λ alone).</para>
    /// </summary>
    public static EighResult Eigh(Tensor a, string uplo = "L")
    {
        const string op = "Eigh";
        MatrixArgs.RequireSquare(a, op);
        if (uplo is not ("L" or "U")) throw new ArgumentException($"Eigh: uplo must be \"L\" or \"U\", got \"{uplo}\".");
        MatrixArgs.RequireFinite(a, op);
        var s = SymmetricFromLower(uplo == "L" ? a : a.MT());
        var values = Tensor.Uninitialized(DType.Float64, a.shape.AsSpan(0, a.Rank - 1), a.Device);
        var vectors = Tensor.Uninitialized(DType.Float64, a.shape, a.Device);
        var converged = MatrixData.PerMatrix(a, DType.Bool);
        a.Backend.Eigh(MatrixData.Working(s), values, vectors, converged);
        ThrowIfNotConverged(converged, a, op, "the eigenvalue iteration");
        var outputs = MultiOutput.Record(
            [MatrixData.Result(values, a.DType), MatrixData.Result(vectors, a.DType)],
            op, [s], (g, o) => [EighBackward(g[0], g[1], o[0], o[1])]);
        return new EighResult(outputs[0], outputs[1]);
    }

    /// <summary>The eigenvalues of the symmetric A in ascending order (torch.linalg.eigvalsh). Backward: V diag(λ̄) Vᵀ.</summary>
    public static Tensor Eigvalsh(Tensor a, string uplo = "L") => Eigh(a, uplo).Eigenvalues;

    /// <summary>
    /// <see cref="Eigh"/> with the eigenvalues in descending order and the eigenvectors to match: the order the books
    /// use (GBC §2.7, §2.12 PCA keeps the top-l eigenvectors). PyTorch's eigh is ascending; this helper only flips it.
    /// </summary>
    public static EighResult EighDescending(Tensor a, string uplo = "L")
    {
        var (values, vectors) = Eigh(a, uplo);
        var reversed = Tensor.Arange(a.shape[^1] - 1, -1, -1);
        return new EighResult(values.IndexSelect(-1, reversed), vectors.IndexSelect(-1, reversed));
    }

    private static Tensor EighBackward(Tensor gValues, Tensor gVectors, Tensor values, Tensor vectors)
    {
        var vtg = vectors.MT().MatMul(gVectors);
        var inner = DiagEmbed(gValues) + 0.5 * (vtg - vtg.MT()) / SafeGaps(values.Unsqueeze(-2) - values.Unsqueeze(-1));
        return vectors.MatMul(inner).MatMul(vectors.MT());
    }

    /// <summary>
    /// The matrix of gaps λ_j − λ_i with exact zeros (the diagonal, repeated values) replaced by +∞, so that dividing
    /// by it gives 0 there instead of NaN: those terms do not exist in the derivative of a basis-independent function.
    /// </summary>
    private static Tensor SafeGaps(Tensor gaps) => Tensor.Where(gaps.Eq(0), double.PositiveInfinity, gaps);

    private static void ThrowIfNotConverged(Tensor convergedPerMatrix, Tensor a, string op, string method)
    {
        var converged = convergedPerMatrix.ToArray<bool>();
        for (int i = 0; i < converged.Length; i++)
            if (!converged[i])
                throw new LinalgException($"{op}: {method} did not converge for {MatrixArgs.Which(a, i)} of input of shape {a.ShapeText}.");
    }
}
