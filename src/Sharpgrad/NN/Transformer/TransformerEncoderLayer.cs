namespace Sharpgrad.NN;

/// <summary>
/// One encoder layer of the Transformer (Vaswani et al. 2017 §3.1; NYU notes week 12): self-attention, then a
/// position-wise feed-forward network, each inside a residual connection with layer norm (post-norm, or pre-norm with
/// normFirst). Submodules and parameters are nn.TransformerEncoderLayer's: <c>self_attn</c>, <c>linear1</c>,
/// <c>linear2</c>, <c>norm1</c>, <c>norm2</c> (and the parameterless <c>dropout</c>, <c>dropout1</c>, <c>dropout2</c>).
/// </summary>
/// <remarks>Forward(src, srcMask, srcKeyPaddingMask) takes the masks of <see cref="MultiheadAttention"/>.</remarks>
public sealed class TransformerEncoderLayer : TransformerLayer<Tensor?, Tensor?>
{
    private readonly Dropout dropout, dropout1, dropout2;

    public MultiheadAttention SelfAttn { get; }
    public Linear Linear1 { get; }
    public Linear Linear2 { get; }
    public LayerNorm Norm1 { get; }
    public LayerNorm Norm2 { get; }

    /// <param name="dModel">the model width (PyTorch's d_model)</param>
    /// <param name="nhead">attention heads; must divide dModel</param>
    /// <param name="dimFeedforward">the feed-forward block's hidden width</param>
    /// <param name="dropout">dropout on attention weights, inside the feed-forward block and on each sublayer's output</param>
    /// <param name="normFirst">pre-norm x + f(LayerNorm(x)) instead of post-norm LayerNorm(x + f(x))</param>
    /// <param name="generator">draws the initial weights and the dropout masks</param>
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward = 2048, double dropout = 0.1,
        TransformerActivation activation = TransformerActivation.Relu, double layerNormEps = 1e-5, bool batchFirst = false,
        bool normFirst = false, DType dtype = DType.Float32, Generator? generator = null)
        : this(new TransformerLayerOptions(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, dtype, generator))
    {
    }

    private TransformerEncoderLayer(TransformerLayerOptions options) : base(options, nameof(TransformerEncoderLayer))
    {
        SelfAttn = RegisterModule("self_attn", options.Attention());
        Linear1 = RegisterModule("linear1", options.Widen());
        this.dropout = RegisterModule("dropout", options.DropoutLayer());
        Linear2 = RegisterModule("linear2", options.Narrow());
        Norm1 = RegisterModule("norm1", options.Norm());
        Norm2 = RegisterModule("norm2", options.Norm());
        dropout1 = RegisterModule("dropout1", options.DropoutLayer());
        dropout2 = RegisterModule("dropout2", options.DropoutLayer());
    }

    /// <summary>A copy with the same settings, weights and mode (what PyTorch's deepcopy gives a stack).</summary>
    public TransformerEncoderLayer Copy() => TransformerLayerCopy.Of(this, new TransformerEncoderLayer(Options));

    private protected override int ResidualCount => 2;

    /// <summary>The layer without masks.</summary>
    public Tensor Forward(Tensor src) => Forward(src, null, null);

    protected override Tensor ForwardCore(Tensor src, Tensor? srcMask, Tensor? srcKeyPaddingMask)
    {
        TransformerBlocks.RequireModelWidth(nameof(TransformerEncoderLayer), "src", src, DModel);
        // A layer run on its own recycles its activations like a stack does (inside a stack this adds to the stack's call).
        using var activations = InternalActivations.Open(this, TransformerEncoder.LayersThatKeepNothing);
        var x = TransformerBlocks.Residual(NormFirst, Norm1, src, h => TransformerBlocks.Attend(SelfAttn, dropout1, h, h, srcMask, srcKeyPaddingMask));
        var result = TransformerBlocks.Residual(NormFirst, Norm2, x, h => TransformerBlocks.FeedForward(h, Linear1, dropout, Linear2, dropout2, Activation));
        return activations?.Close(result) ?? result;
    }
}
