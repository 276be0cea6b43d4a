namespace Sharpgrad.NN;

/// <summary>
/// The encoder–decoder Transformer (Vaswani et al. 2017, Fig. 1; NYU notes week 12), nn.Transformer: an
/// <c>encoder</c> (a <see cref="TransformerEncoder"/> with final <c>norm</c>) reads the source, a <c>decoder</c> attends
/// to its output while reading the target. Embeddings, positional encodings and the output projection are the
/// caller's, as in PyTorch. Parameter names are PyTorch's (<c>encoder.layers.0.self_attn.in_proj_weight</c>, …,
/// <c>decoder.norm.bias</c>).
/// </summary>
public sealed class Transformer : Module<Tensor, Tensor, TransformerMasks?, Tensor>
{
    public TransformerEncoder Encoder { get; }
    public TransformerDecoder Decoder { get; }
    public int DModel { get; }
    public int NHead { get; }
    public bool BatchFirst { get; }

    /// <summary>
    /// Builds both stacks, then re-draws every weight matrix (every parameter with more than one dim) from
    /// xavier_uniform, as nn.Transformer's <c>_reset_parameters</c> does; biases and norms keep their initial values.
    /// </summary>
    public Transformer(int dModel = 512, int nhead = 8, int numEncoderLayers = 6, int numDecoderLayers = 6, int dimFeedforward = 2048,
        double dropout = 0.1, TransformerActivation activation = TransformerActivation.Relu, double layerNormEps = 1e-5,
        bool batchFirst = false, bool normFirst = false, DType dtype = DType.Float32, Generator? generator = null)
    {
        (DModel, NHead, BatchFirst) = (dModel, nhead, batchFirst);
        Encoder = RegisterModule("encoder", new TransformerEncoder(
            new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype, generator),
            numEncoderLayers, new LayerNorm(dModel, layerNormEps, dtype: dtype)));
        Decoder = RegisterModule("decoder", new TransformerDecoder(
            new TransformerDecoderLayer(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype, generator),
            numDecoderLayers, new LayerNorm(dModel, layerNormEps, dtype: dtype)));
        foreach (var p in Parameters().Where(p => p.Rank > 1)) Init.XavierUniform(p, generator: generator);
    }

    /// <summary>
    /// The causal mask [size, size] for a target of that length: 0 on and below the diagonal, −∞ above, so position i
    /// attends only to positions ≤ i (the decoder cannot look ahead, Vaswani et al. §3.2.3).
    /// </summary>
    public static Tensor GenerateSquareSubsequentMask(int size, DType dtype = DType.Float32)
    {
        if (size < 0) throw new ArgumentException($"Transformer.GenerateSquareSubsequentMask: size must be non-negative, got {size}.");
        return AttentionMasks.Causal(size, size, dtype);
    }

    /// <summary>The model without masks.</summary>
    public Tensor Forward(Tensor src, Tensor tgt) => Forward(src, tgt, null);

    protected override Tensor ForwardCore(Tensor src, Tensor tgt, TransformerMasks? masks)
    {
        TransformerBlocks.RequireModelWidth(nameof(Transformer), "src", src, DModel);
        TransformerBlocks.RequireModelWidth(nameof(Transformer), "tgt", tgt, DModel);
        int batchDim = BatchFirst ? 0 : 1;
        if (src.Rank != tgt.Rank || src.Rank == 3 && src.Size(batchDim) != tgt.Size(batchDim))
            throw new ArgumentException(
                $"Transformer: src {src.ShapeText} and tgt {tgt.ShapeText} must both be batched with the same batch size (dim {batchDim}) or both unbatched.");
        var memory = Encoder.Forward(src, masks?.SrcMask, masks?.SrcKeyPaddingMask);
        return Decoder.Forward(tgt, memory, masks?.Decoder);
    }
}
