namespace Sharpgrad;

/// <summary>
/// Linear algebra on matrices and batches of matrices, following torch.linalg's names, argument order, return
/// conventions and shapes (GBC §2). An input of shape [..., m, n] is a batch of m×n matrices; leading dims are
/// batch dims and broadcast where two operands meet (Solve, SolveTriangular).
/// <list type="bullet">
/// <item>Decompositions: <see cref="Lu"/>/<see cref="LuFactor"/>, <see cref="Cholesky"/>, <see cref="Qr"/>,
/// <see cref="Eigh"/>, <see cref="Svd"/>.</item>
/// <item>Solvers and inverses: <see cref="Solve"/>, <see cref="SolveTriangular"/>, <see cref="CholeskySolve"/>,
/// <see cref="LuSolve"/>, <see cref="Inv"/>, <see cref="Pinv"/>, <see cref="Lstsq"/>.</item>
/// <item>Scalars of a matrix: <see cref="Det"/>, <see cref="SlogDet"/>, <see cref="Trace"/>, <see cref="MatrixRank"/>,
/// <see cref="Cond"/>, <see cref="MatrixNorm(Tensor, string, int[], bool)"/>, <see cref="VectorNorm"/>.</item>
/// </list>
/// The factorisations run in float64 on the operands' backend (Backends/Backend.Linalg.cs) and round back to the input's dtype.
/// Solve, SolveTriangular, Det, SlogDet, Cholesky, Qr, Eigh and Svd have backward rules written with differentiable
/// ops, so higher-order gradients work too; Inv, CholeskySolve, Pinv, Lstsq, the norms and Cond are compositions of
/// them. Lu, LuFactor and LuSolve have no backward and refuse recorded inputs rather than cut the graph silently.
/// </summary>
public static partial class Linalg
{
    /// <summary>The transpose of the last two dims (PyTorch's A.mT).</summary>
    internal static Tensor MT(this Tensor a) => a.Transpose(-2, -1);
}
