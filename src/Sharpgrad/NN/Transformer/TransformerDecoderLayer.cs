namespace Sharpgrad.NN;

/// <summary>
/// One decoder layer of the Transformer (Vaswani et al. 2017 §3.1): masked self-attention over the target,
/// attention over the encoder's output (memory), then the feed-forward network, each inside a residual connection
/// with layer norm (post-norm, or pre-norm with normFirst). Submodules and parameters are
/// nn.TransformerDecoderLayer's: <c>self_attn</c>, <c>multihead_attn</c>, <c>linear1</c>, <c>linear2</c>,
/// <c>norm1</c>..<c>norm3</c> (and the parameterless <c>dropout</c>, <c>dropout1</c>..<c>dropout3</c>).
/// </summary>
public sealed class TransformerDecoderLayer : TransformerLayer<Tensor, DecoderMasks?>
{
    private readonly Dropout dropout, dropout1, dropout2, dropout3;

    public MultiheadAttention SelfAttn { get; }
    public MultiheadAttention MultiheadAttn { get; }
    public Linear Linear1 { get; }
    public Linear Linear2 { get; }
    public LayerNorm Norm1 { get; }
    public LayerNorm Norm2 { get; }
    public LayerNorm Norm3 { get; }

    /// <inheritdoc cref="TransformerEncoderLayer(int, int, int, double, TransformerActivation, double, bool, bool, DType, Generator?)"/>
    public TransformerDecoderLayer(int dModel, int nhead, int dimFeedforward = 2048, double dropout = 0.1,
        TransformerActivation activation = TransformerActivation.Relu, double layerNormEps = 1e-5, bool batchFirst = false,
        bool normFirst = false, DType dtype = DType.Float32, Generator? generator = null)
        : this(new TransformerLayerOptions(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype, generator))
    {
    }

    private TransformerDecoderLayer(TransformerLayerOptions options) : base(options, nameof(TransformerDecoderLayer))
    {
        SelfAttn = RegisterModule("self_attn", options.Attention());
        MultiheadAttn = RegisterModule("multihead_attn", options.Attention());
        Linear1 = RegisterModule("linear1", options.Widen());
        this.dropout = RegisterModule("dropout", options.DropoutLayer());
        Linear2 = RegisterModule("linear2", options.Narrow());
        Norm1 = RegisterModule("norm1", options.Norm());
        Norm2 = RegisterModule("norm2", options.Norm());
        Norm3 = RegisterModule("norm3", options.Norm());
        dropout1 = RegisterModule("dropout1", options.DropoutLayer());
        dropout2 = RegisterModule("dropout2", options.DropoutLayer());
        dropout3 = RegisterModule("dropout3", options.DropoutLayer());
    }

    /// <summary>A copy with the same settings, weights and mode (what PyTorch's deepcopy gives a stack).</summary>
    public TransformerDecoderLayer Copy() => TransformerLayerCopy.Of(this, new TransformerDecoderLayer(Options));

    private protected override int ResidualCount => 3;

    /// <summary>The layer without masks.</summary>
    public Tensor Forward(Tensor tgt, Tensor memory) => Forward(tgt, memory, null);

    protected override Tensor ForwardCore(Tensor tgt, Tensor memory, DecoderMasks? masks)
    {
        TransformerBlocks.RequireModelWidth(nameof(TransformerDecoderLayer), "tgt", tgt, DModel);
        TransformerBlocks.RequireModelWidth(nameof(TransformerDecoderLayer), "memory", memory, DModel);
        masks ??= new DecoderMasks();
        var x = TransformerBlocks.Residual(NormFirst, Norm1, tgt,
            h => TransformerBlocks.Attend(SelfAttn, dropout1, h, h, masks.TgtMask, masks.TgtKeyPaddingMask));
        x = TransformerBlocks.Residual(NormFirst, Norm2, x,
            h => TransformerBlocks.Attend(MultiheadAttn, dropout2, h, memory, masks.MemoryMask, masks.MemoryKeyPaddingMask));
        return TransformerBlocks.Residual(NormFirst, Norm3, x, h => TransformerBlocks.FeedForward(h, Linear1, dropout, Linear2, dropout3, Activation));
    }
}
