namespace Sharpgrad;

// Linear systems A X = B with square A, by LU with partial pivoting (GBC §2.3; GVL §3.4).
public static partial class Linalg
{
    /// <summary>
    /// The solution X of A X = B (torch.linalg.solve). A is [..., n, n]; B is [..., n, k], or a vector [..., n] when
    /// it is 1-D or has A's shape without the last dim (then X is a vector too). Batch dims broadcast.
    /// With <paramref name="left"/> = false it solves X A = B instead.
    /// Throws <see cref="LinalgException"/> when A is singular to working precision: a pivot |u_jj| ≤ n·ε·max|a_ij|
    /// (PyTorch only rejects exact zeros). Use <see cref="Lstsq"/> or <see cref="Pinv"/> for singular systems.
    /// Backward: ∂/∂B = A⁻ᵀG, ∂/∂A = −A⁻ᵀG Xᵀ (Giles 2008, §2.2.3).
    /// </summary>
    public static Tensor Solve(Tensor a, Tensor b, bool left = true)
    {
        const string op = "Solve";
        MatrixArgs.RequireSquare(a, op);
        if (!b.DType.IsFloatingPoint() || b.Rank < 1)
            throw new ArgumentException($"Solve: B must be a float vector or matrix, got {b.DType.Name()} of shape {b.ShapeText}.");
        MatrixArgs.RequireSameDType(a, b, op);
        MatrixArgs.RequireFinite(a, op, "A");
        MatrixArgs.RequireFinite(b, op, "B");
        bool vector = IsVectorRhs(a, b);
        // X A = B  ⇔  Aᵀ Xᵀ = Bᵀ (a row vector x needs no transposing).
        if (!left) return vector ? Solve(a.MT(), b) : Solve(a.MT(), b.MT()).MT();
        var (matrix, rhs) = BroadcastBatch(a, vector ? b.Unsqueeze(-1) : b, op);
        var x = SolveSquare(matrix, rhs, op, a.ShapeText);
        return vector ? x.Squeeze(-1) : x;
    }

    /// <summary>
    /// A⁻¹ for square A [..., n, n] (torch.linalg.inv), as the solution of A X = I. Singular A throws as in
    /// <see cref="Solve"/>. Backward: −A⁻ᵀ G A⁻ᵀ, which follows from Solve's rule.
    /// </summary>
    public static Tensor Inv(Tensor a)
    {
        MatrixArgs.RequireSquare(a, "Inv");
        MatrixArgs.RequireFinite(a, "Inv");
        return SolveSquare(a, Tensor.Eye(a.shape[^1], dtype: a.DType).Expand(a.shape), "Inv", a.ShapeText);
    }

    /// <summary>
    /// The solution X of A X = B for triangular A (torch.linalg.solve_triangular), by substitution: O(n²k) instead of
    /// LU's O(n³). Only the <paramref name="upper"/> or lower triangle of A is read; with <paramref name="unitriangular"/>
    /// its diagonal is taken as ones. <paramref name="left"/> = false solves X A = B. B is [..., n, k]; batch dims broadcast.
    /// </summary>
    public static Tensor SolveTriangular(Tensor a, Tensor b, bool upper, bool left = true, bool unitriangular = false)
    {
        const string op = "SolveTriangular";
        MatrixArgs.RequireSquare(a, op);
        MatrixArgs.RequireMatrix(b, op, "B");
        MatrixArgs.RequireSameDType(a, b, op);
        MatrixArgs.RequireFinite(a, op, "A");
        MatrixArgs.RequireFinite(b, op, "B");
        // X A = B  ⇔  Aᵀ Xᵀ = Bᵀ, and the transpose of an upper-triangular matrix is lower-triangular.
        if (!left) return SolveTriangular(a.MT(), b.MT(), !upper, left: true, unitriangular).MT();
        var (t, rhs) = BroadcastBatch(a, b, op);
        return SolveTriangularCore(t, rhs, upper, unitriangular, op, a.ShapeText);
    }

    /// <summary>A [..., m, n] and B [..., m, k] with B's rows checked against A's and their batch dims broadcast to a common shape.</summary>
    private static (Tensor A, Tensor B) BroadcastBatch(Tensor a, Tensor b, string op)
    {
        int m = a.shape[^2];
        if (b.shape[^2] != m)
            throw new ArgumentException(
                $"{op}: A of shape {a.ShapeText} and B of shape {b.ShapeText} do not match (B needs {m} rows, got {b.shape[^2]}).");
        var batch = ShapeUtil.Broadcast(a.shape[..^2], b.shape[..^2], op);
        return (a.Expand([.. batch, m, a.shape[^1]]), b.Expand([.. batch, m, b.shape[^1]]));
    }

    /// <summary>
    /// Whether B is a right-hand-side vector rather than a matrix, by PyTorch's rule: B is 1-D, or has A's shape
    /// without its last dim.
    /// </summary>
    private static bool IsVectorRhs(Tensor a, Tensor b)
        => b.Rank == 1 || (b.Rank == a.Rank - 1 && b.shape.AsSpan().SequenceEqual(a.shape.AsSpan(0, a.Rank - 1)));

    /// <summary>Solve for finite A and B of equal batch shape; the recorded op behind Solve and Inv.</summary>
    private static Tensor SolveSquare(Tensor a, Tensor b, string op, string shownShape)
    {
        var x = MatrixData.Working(b);
        var info = MatrixData.PerMatrix(a, DType.Int64);
        a.Backend.Solve(MatrixData.Working(a), x, info, a.shape[^1] * MatrixArgs.Eps(a.DType));
        ThrowIfSingular(info, a, op, shownShape);
        var result = MatrixData.Result(x, a.DType);
        return result.Record(op, [a, b], g =>
        {
            var gb = SolveSquare(a.MT(), g, op + " backward", shownShape);
            return [a.RequiresGrad ? -gb.MatMul(result.MT()) : null, gb];
        });
    }

    private static Tensor SolveTriangularCore(Tensor a, Tensor b, bool upper, bool unit, string op, string shownShape)
    {
        var x = MatrixData.Working(b);
        var info = MatrixData.PerMatrix(a, DType.Int64);
        a.Backend.SolveTriangular(MatrixData.Working(a), x, info, upper, unit, a.shape[^1] * MatrixArgs.Eps(a.DType));
        ThrowIfSingular(info, a, op, shownShape);
        var result = MatrixData.Result(x, a.DType);
        return result.Record(op, [a, b], g =>
        {
            var gb = SolveTriangularCore(a.MT(), g, !upper, unit, op + " backward", shownShape);
            if (!a.RequiresGrad) return [null, gb];
            var ga = -gb.MatMul(result.MT());
            int keep = unit ? 1 : 0; // a unit diagonal is not read, so it gets no gradient
            return [upper ? Triu(ga, keep) : Tril(ga, -keep), gb];
        });
    }

    private static void ThrowIfSingular(Tensor info, Tensor a, string op, string shownShape)
    {
        var zeroPivot = info.ToArray<long>();
        for (int i = 0; i < zeroPivot.Length; i++)
            if (zeroPivot[i] >= 0)
                throw new LinalgException(
                    $"{op}: {MatrixArgs.Which(a, i)} is singular (zero pivot at column {zeroPivot[i]}) for input of shape {shownShape}. " +
                    "Linalg.Lstsq and Linalg.Pinv handle singular systems.");
    }
}
