namespace Sharpgrad;

// LU with partial pivoting, PA = LU (GVL Alg. 3.4.1). Solve, Inv and Det factor through their own primitives.
public static partial class Linalg
{
    /// <summary>
    /// The compact LU factorisation of A [..., m, n] (torch.linalg.lu_factor): L and U in one matrix, and the row
    /// interchanges as LAPACK's 1-based pivots (int64 here; int32 in PyTorch). A singular matrix factors fine (U is
    /// then singular). Feed the result to <see cref="LuSolve"/> to solve several systems with one factorisation.
    /// Not differentiable: use <see cref="Solve"/>, <see cref="Det"/> or <see cref="Inv"/> inside a graph.
    /// </summary>
    public static LuFactorResult LuFactor(Tensor a)
    {
        var (lu, pivots, _) = Factor(a, "LuFactor");
        return new LuFactorResult(lu, pivots);
    }

    /// <summary>
    /// A = P L U (torch.linalg.lu): P a permutation matrix [..., m, m], L unit lower-triangular [..., m, k] and U
    /// upper-triangular [..., k, n], with k = min(m, n). Not differentiable (see <see cref="LuFactor"/>).
    /// </summary>
    public static LuResult Lu(Tensor a)
    {
        var (lu, _, order) = Factor(a, "Lu");
        int m = a.shape[^2], n = a.shape[^1], k = Math.Min(m, n);
        var l = Tril(lu.Narrow(-1, 0, k), -1) + Tensor.Eye(m, k, a.DType);
        var u = Triu(lu.Narrow(-2, 0, k));
        // Row i of PᵀA is row order[i] of A, so Pᵀ = OneHot(order) and A = P·LU with P its transpose.
        var p = Tensor.OneHot(order, m).To(a.DType).MT();
        return new LuResult(p, l, u);
    }

    /// <summary>
    /// Solves A X = B from A's compact LU and pivots (torch.linalg.lu_solve), in O(n²k). B is [..., n, k]; its batch
    /// dims must broadcast to those of LU. Not differentiable.
    /// </summary>
    public static Tensor LuSolve(Tensor lu, Tensor pivots, Tensor b)
    {
        const string op = "LuSolve";
        MatrixArgs.RequireSquare(lu, op, "LU");
        MatrixArgs.RequireMatrix(b, op, "B");
        MatrixArgs.RequireSameDType(lu, b, op);
        RequireNoGrad(op, "use Linalg.Solve, which is differentiable", lu, b);
        MatrixArgs.RequireFinite(lu, op, "LU");
        MatrixArgs.RequireFinite(b, op, "B");
        int n = lu.shape[^1];
        int[] batch = lu.shape[..^2];
        if (pivots.DType != DType.Int64 || !pivots.shape.AsSpan().SequenceEqual([.. batch, n]))
            throw new ArgumentException($"{op}: pivots must be int64 of shape {ShapeUtil.Format([.. batch, n])} for LU of shape {lu.ShapeText}, got {pivots.DType.Name()} of shape {pivots.ShapeText}.");
        if (b.shape[^2] != n)
            throw new ArgumentException($"{op}: LU of shape {lu.ShapeText} and B of shape {b.ShapeText} do not match (B needs {n} rows, got {b.shape[^2]}).");
        int k = b.shape[^1];
        var target = b.Expand([.. batch, n, k]);
        var x = MatrixData.Working(target);
        lu.Backend.LuSolve(MatrixData.Working(lu), pivots.Contiguous(), x);
        return MatrixData.Result(x, lu.DType);
    }

    /// <summary>The compact LU, the 1-based pivots and each PA's row order, for LuFactor and Lu.</summary>
    private static (Tensor LU, Tensor Pivots, Tensor Order) Factor(Tensor a, string op)
    {
        MatrixArgs.RequireMatrix(a, op);
        MatrixArgs.RequireFinite(a, op);
        RequireNoGrad(op, "use Linalg.Solve, Linalg.Det or Linalg.Inv, which are differentiable", a);
        int m = a.shape[^2], n = a.shape[^1], k = Math.Min(m, n);
        int[] batchShape = a.shape[..^2];
        var data = MatrixData.Working(a);
        var pivots = Tensor.Uninitialized(DType.Int64, [.. batchShape, k], a.Device);
        var order = Tensor.Uninitialized(DType.Int64, [.. batchShape, m], a.Device);
        a.Backend.LuFactor(data, pivots, order);
        return (MatrixData.Result(data, a.DType), pivots, order);
    }

    /// <summary>
    /// Ops without a backward rule refuse inputs that are being recorded, rather than silently cutting the graph
    /// (the result would be treated as a constant and the gradients would be wrong without any sign of it).
    /// </summary>
    private static void RequireNoGrad(string op, string alternative, params Tensor[] inputs)
    {
        if (Autograd.WillRecord(inputs))
            throw new NotSupportedException(
                $"{op}: gradients through {op} are not implemented; {alternative}, or call it on A.Detach() or inside Autograd.NoGrad().");
    }
}
