namespace Sharpgrad.NN;

/// <summary>
/// Turns attention masks into the additive form the softmax takes: 0 where a query may attend, −∞ where it may not.
/// A float mask is already additive; a bool mask is converted, with the polarity of the caller's API (scaled
/// dot-product attention: true = attend; nn.MultiheadAttention: true = masked out).
/// </summary>
internal static class AttentionMasks
{
    /// <summary>
    /// <paramref name="mask"/> (bool or float) as an additive float mask of <paramref name="like"/>'s dtype, after
    /// checking that it broadcasts to <paramref name="like"/>'s shape.
    /// </summary>
    public static Tensor Additive(string op, Tensor mask, bool attendWhere, Tensor like, string what)
    {
        RequireBroadcastable(op, mask, like.Shape.ToArray(), what);
        return AdditiveUnchecked(op, mask, attendWhere, like.DType, what);
    }

    /// <summary>The conversion of <see cref="Additive"/> without the shape check, for masks the caller has checked.</summary>
    public static Tensor AdditiveUnchecked(string op, Tensor mask, bool attendWhere, DType dtype, string what)
    {
        if (mask.DType == DType.Bool)
        {
            var (whenTrue, whenFalse) = attendWhere ? (0.0, double.NegativeInfinity) : (double.NegativeInfinity, 0.0);
            return Tensor.Where(mask, Tensor.Scalar(whenTrue, dtype), Tensor.Scalar(whenFalse, dtype));
        }
        if (!mask.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: {what} must be bool or floating point, got {mask.DType.Name()}.");
        return mask.To(dtype);
    }

    /// <summary>The causal mask [L, S]: 0 where key j ≤ query i, −∞ above the diagonal (PyTorch's square subsequent mask).</summary>
    public static Tensor Causal(int queries, int keys, DType dtype) =>
        Tensor.Full([queries, keys], double.NegativeInfinity, dtype).Triu(1);

    private static void RequireBroadcastable(string op, Tensor mask, int[] target, string what)
    {
        bool fits = mask.Rank <= target.Length;
        for (int i = 1; fits && i <= mask.Rank; i++)
            fits = mask.Size(-i) == 1 || mask.Size(-i) == target[^i];
        if (!fits)
            throw new ArgumentException(
                $"{op}: {what} of shape {mask.ShapeText} does not broadcast to the attention logits' shape {ShapeUtil.Format(target)} ([..., L, S]).");
    }
}
