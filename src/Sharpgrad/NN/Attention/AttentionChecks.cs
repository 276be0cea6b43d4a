namespace Sharpgrad.NN;

/// <summary>Argument checks shared by the attention functions and layers; every message names the op and the shapes.</summary>
internal static class AttentionChecks
{
    /// <summary>query [..., L, E], key [..., S, E], value [..., S, Eᵥ], all of one floating-point dtype.</summary>
    public static void RequireQueryKeyValue(string op, Tensor query, Tensor key, Tensor value)
    {
        if (query.Rank < 2 || key.Rank < 2 || value.Rank < 2)
            throw new ArgumentException(
                $"{op}: query, key and value need at least 2 dims ([..., L, E], [..., S, E], [..., S, Ev]), got {query.ShapeText}, {key.ShapeText} and {value.ShapeText}.");
        if (!query.DType.IsFloatingPoint() || key.DType != query.DType || value.DType != query.DType)
            throw new ArgumentException(
                $"{op}: query, key and value must share one floating-point dtype, got {query.DType.Name()}, {key.DType.Name()} and {value.DType.Name()}.");
        if (key.Size(-1) != query.Size(-1))
            throw new ArgumentException(
                $"{op}: query {query.ShapeText} and key {key.ShapeText} must have the same last dim (E), got {query.Size(-1)} and {key.Size(-1)}.");
        if (value.Size(-2) != key.Size(-2))
            throw new ArgumentException(
                $"{op}: key {key.ShapeText} and value {value.ShapeText} must have the same length S (dim -2), got {key.Size(-2)} and {value.Size(-2)}.");
    }
}
