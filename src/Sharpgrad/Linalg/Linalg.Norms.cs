namespace Sharpgrad;

// Vector and matrix norms and the condition number (GBC §2.5, §4.2).
public static partial class Linalg
{
    /// <summary>
    /// torch.linalg.norm: a vector norm when <paramref name="dim"/> names one dim (or A is 1-D), a matrix norm when it
    /// names two (or A is 2-D). With neither <paramref name="ord"/> nor <paramref name="dim"/> it is the 2-norm of all
    /// elements, whatever A's rank.
    /// </summary>
    public static Tensor Norm(Tensor a, double? ord = null, int[]? dim = null, bool keepdim = false)
    {
        if (ord is null && dim is null) return VectorNorm(a, 2, null, keepdim);
        bool matrix = dim is { Length: 2 } || (dim is null && a.Rank == 2);
        if (!matrix && dim is null && a.Rank != 1)
            throw new ArgumentException($"Norm: with ord given and no dim, A must be 1-D or 2-D, got shape {a.ShapeText}.");
        if (matrix) return ord is null ? MatrixNorm(a, "fro", dim, keepdim) : MatrixNorm(a, ord.Value, dim, keepdim);
        return VectorNorm(a, ord ?? 2, dim, keepdim);
    }

    /// <summary>torch.linalg.norm with ord "fro" or "nuc": a matrix norm over <paramref name="dim"/> (default the last two).</summary>
    public static Tensor Norm(Tensor a, string ord, int[]? dim = null, bool keepdim = false) => MatrixNorm(a, ord, dim, keepdim);

    /// <summary>
    /// The vector p-norm over <paramref name="dim"/> (all elements by default; torch.linalg.vector_norm):
    /// (Σ|xᵢ|ᵖ)^(1/p) for any real p ≠ 0; p = ∞ gives max|xᵢ|, p = −∞ min|xᵢ|, and p = 0 counts the nonzeros.
    /// </summary>
    public static Tensor VectorNorm(Tensor x, double ord = 2, int[]? dim = null, bool keepdim = false)
    {
        if (!x.DType.IsFloatingPoint())
            throw new ArgumentException($"VectorNorm: expected a float tensor, got {x.DType.Name()} of shape {x.ShapeText}.");
        if (double.IsNaN(ord)) throw new ArgumentException("VectorNorm: ord must be a number, got NaN.");
        var dims = dim ?? Enumerable.Range(0, x.Rank).ToArray();
        if (ord == 0) return x.Ne(0).To(x.DType).Sum(dims, keepdim);
        if (double.IsNegativeInfinity(ord)) return MinOver(x.Abs(), dims, keepdim);
        if (ord > 0) return x.Norm(ord, dims, keepdim); // p > 0 and +∞
        return x.Abs().Pow(ord).Sum(dims, keepdim).Pow(1 / ord);
    }

    /// <summary>
    /// A matrix norm over the two dims <paramref name="dim"/> (default the last two; torch.linalg.matrix_norm):
    /// "fro" = √Σa_ij² (GBC eq. 2.33) or "nuc" = Σσᵢ (the nuclear norm).
    /// </summary>
    public static Tensor MatrixNorm(Tensor a, string ord = "fro", int[]? dim = null, bool keepdim = false)
    {
        var (d0, d1) = MatrixDims(a, dim, "MatrixNorm");
        return ord switch
        {
            "fro" => a.Norm(2, [d0, d1], keepdim),
            "nuc" => KeepDims(Svdvals(MoveToEnd(a, d0, d1)).Sum(-1), d0, d1, keepdim),
            _ => throw new ArgumentException($"MatrixNorm: ord must be \"fro\" or \"nuc\" (or a number: ±1, ±2, ±∞), got \"{ord}\"."),
        };
    }

    /// <summary>
    /// The induced matrix norm for ord = 1 (max column sum of |a_ij|), ∞ (max row sum), 2 (σ_max, the spectral norm),
    /// and their "minimum" counterparts −1, −∞ and −2 (σ_min), as torch.linalg.matrix_norm.
    /// </summary>
    public static Tensor MatrixNorm(Tensor a, double ord, int[]? dim = null, bool keepdim = false)
    {
        var (d0, d1) = MatrixDims(a, dim, "MatrixNorm");
        var m = MoveToEnd(a, d0, d1);
        var norm = ord switch
        {
            1 => m.Abs().Sum(-2).Max(-1).Values,
            -1 => m.Abs().Sum(-2).Min(-1).Values,
            double.PositiveInfinity => m.Abs().Sum(-1).Max(-1).Values,
            double.NegativeInfinity => m.Abs().Sum(-1).Min(-1).Values,
            2 => Svdvals(m).Select(-1, 0),
            -2 => Svdvals(m).Select(-1, -1),
            _ => throw new ArgumentException($"MatrixNorm: a numeric ord must be one of ±1, ±2, ±∞, got {ord}."),
        };
        return KeepDims(norm, d0, d1, keepdim);
    }

    /// <summary>
    /// The condition number κ(A) = ‖A‖·‖A⁻¹‖ (torch.linalg.cond; GBC §4.2), by default in the 2-norm, where it is
    /// σ_max/σ_min (∞ for a singular matrix) and A may be rectangular. p = −2 gives σ_min/σ_max. For p = ±1, ±∞ A must
    /// be square and invertible (a singular A throws, where PyTorch returns ∞).
    /// </summary>
    public static Tensor Cond(Tensor a, double? p = null)
    {
        MatrixArgs.RequireMatrix(a, "Cond");
        if (p is null or 2 or -2)
        {
            var s = Svdvals(a);
            var ratio = s.Select(-1, 0) / s.Select(-1, -1);
            return p == -2 ? 1.0 / ratio : ratio;
        }
        MatrixArgs.RequireSquare(a, "Cond");
        return MatrixNorm(a, p.Value) * MatrixNorm(Inv(a), p.Value);
    }

    /// <summary>κ(A) in the Frobenius ("fro") or nuclear ("nuc") norm; A must be square and invertible.</summary>
    public static Tensor Cond(Tensor a, string p)
    {
        MatrixArgs.RequireSquare(a, "Cond");
        return MatrixNorm(a, p) * MatrixNorm(Inv(a), p);
    }

    private static (int, int) MatrixDims(Tensor a, int[]? dim, string op)
    {
        MatrixArgs.RequireMatrix(a, op);
        var dims = dim ?? [-2, -1];
        if (dims.Length != 2)
            throw new ArgumentException($"{op}: dim must name two dims, got [{string.Join(", ", dims)}].");
        int d0 = ShapeUtil.NormalizeDim(dims[0], a.Rank, op), d1 = ShapeUtil.NormalizeDim(dims[1], a.Rank, op);
        if (d0 == d1) throw new ArgumentException($"{op}: dim must name two different dims, got [{dims[0]}, {dims[1]}].");
        return (d0, d1);
    }

    /// <summary>A with dims d0 and d1 moved to the end (as rows and columns), the other dims keeping their order.</summary>
    private static Tensor MoveToEnd(Tensor a, int d0, int d1)
    {
        var order = Enumerable.Range(0, a.Rank).Where(d => d != d0 && d != d1).Append(d0).Append(d1).ToArray();
        return a.Permute(order);
    }

    /// <summary>Puts back the reduced dims as size 1 when <paramref name="keepdim"/> is set.</summary>
    private static Tensor KeepDims(Tensor norm, int d0, int d1, bool keepdim)
        => keepdim ? norm.Unsqueeze(Math.Min(d0, d1)).Unsqueeze(Math.Max(d0, d1)) : norm;

    private static Tensor MinOver(Tensor x, int[] dims, bool keepdim)
    {
        var result = x;
        foreach (var d in dims.Select(d => ShapeUtil.NormalizeDim(d, x.Rank, "VectorNorm")).Distinct())
            result = result.Min(d, keepdim: true).Values;
        return keepdim ? result : result.Squeeze(dims);
    }
}
