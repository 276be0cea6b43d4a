namespace Sharpgrad.NN;

/// <summary>The two patterns every Transformer layer repeats: a residual sublayer with layer norm, and the feed-forward block.</summary>
internal static class TransformerBlocks
{
    /// <summary>
    /// A sublayer f with its residual connection and layer norm: post-norm LayerNorm(x + f(x)) as in Vaswani et al.
    /// (§3.1), or pre-norm x + f(LayerNorm(x)) with <paramref name="normFirst"/> (Xiong et al. 2020), whose gradient
    /// reaches early layers through the identity path without passing a norm, so it trains without warm-up.
    /// </summary>
    public static Tensor Residual(bool normFirst, LayerNorm norm, Tensor x, Func<Tensor, Tensor> sublayer) =>
        normFirst ? x + sublayer(norm.Forward(x)) : norm.Forward(x + sublayer(x));

    /// <summary>FFN(x) = W₂·dropout(φ(W₁x + b₁)) + b₂ (Vaswani et al. eq. 2), then the sublayer's dropout.</summary>
    public static Tensor FeedForward(Tensor x, Linear linear1, Dropout dropout, Linear linear2, Dropout sublayerDropout, TransformerActivation activation) =>
        sublayerDropout.Forward(linear2.Forward(dropout.Forward(Activate(linear1.Forward(x), activation))));

    public static Tensor Activate(Tensor x, TransformerActivation activation) => activation switch
    {
        TransformerActivation.Relu => x.Relu(),
        TransformerActivation.Gelu => Functional.Gelu(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, $"Transformer: unknown activation {activation}."),
    };

    /// <summary>Self- or cross-attention as a sublayer: the attention output without weights, then the sublayer's dropout.</summary>
    public static Tensor Attend(MultiheadAttention attention, Dropout dropout, Tensor query, Tensor keyValue, Tensor? mask, Tensor? keyPaddingMask) =>
        dropout.Forward(attention.Forward(query, keyValue, keyValue,
            new AttentionOptions { AttnMask = mask, KeyPaddingMask = keyPaddingMask, NeedWeights = false }).Output);

    /// <summary>Checks that <paramref name="x"/> has d_model features, naming the layer.</summary>
    public static void RequireModelWidth(string layer, string what, Tensor x, int dModel)
    {
        if (x.Rank is not (2 or 3) || x.Size(-1) != dModel)
            throw new ArgumentException(
                $"{layer}: {what} must be [S, N, {dModel}] ([N, S, {dModel}] with batchFirst, or unbatched [S, {dModel}]), got {x.ShapeText}.");
    }
}
