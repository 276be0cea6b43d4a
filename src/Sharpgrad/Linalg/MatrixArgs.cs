namespace Sharpgrad;

/// <summary>
/// The argument checks every linear-algebra op shares, so that bad input fails early with a message naming the
/// op, the shapes and what was expected, instead of surfacing as NaN deep inside a factorisation.
/// </summary>
internal static class MatrixArgs
{
    /// <summary>A float tensor with at least two dims: a matrix, or a batch of matrices in its last two dims.</summary>
    public static void RequireMatrix(Tensor a, string op, string name = "A")
    {
        if (!a.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: {name} must be float32 or float64, got {a.DType.Name()} of shape {a.ShapeText}.");
        if (a.Rank < 2)
            throw new ArgumentException($"{op}: {name} must be a matrix or a batch of matrices [..., m, n], got shape {a.ShapeText}.");
    }

    public static void RequireSquare(Tensor a, string op, string name = "A")
    {
        RequireMatrix(a, op, name);
        if (a.shape[^1] != a.shape[^2])
            throw new ArgumentException($"{op}: {name} must be a square matrix or a batch of square matrices [..., n, n], got shape {a.ShapeText}.");
    }

    /// <summary>Factorisations reject NaN and ±∞: they would otherwise return garbage or never converge.</summary>
    public static void RequireFinite(Tensor a, string op, string name = "A")
    {
        bool finite;
        using (Autograd.NoGrad()) finite = a.Abs().Lt(double.PositiveInfinity).All();
        if (!finite)
            throw new ArgumentException($"{op}: {name} of shape {a.ShapeText} contains NaN or infinite entries; expected finite values.");
    }

    public static void RequireSameDType(Tensor a, Tensor b, string op)
    {
        if (a.DType != b.DType)
            throw new ArgumentException($"{op}: A and B must have the same dtype, got {a.DType.Name()} and {b.DType.Name()}.");
    }

    /// <summary>Machine epsilon of a float dtype, as torch.finfo(dtype).eps: the gap between 1 and the next number.</summary>
    public static double Eps(DType dtype) => dtype == DType.Float32 ? MathF.BitIncrement(1f) - 1f : Math.BitIncrement(1.0) - 1.0;

    /// <summary>The number of matrices in a batch [..., m, n].</summary>
    public static int BatchCount(Tensor a) => ShapeUtil.Count(a.shape.AsSpan(0, a.Rank - 2));

    /// <summary>Names one matrix of a batch in an error message: "matrix", or "matrix 4 of the batch".</summary>
    public static string Which(Tensor a, int batchIndex) => a.Rank > 2 ? $"matrix {batchIndex} of the batch" : "matrix";
}
