namespace Sharpgrad.NN;

/// <summary>
/// A stack of encoder layers with an optional final layer norm (nn.TransformerEncoder): <c>layers.0</c>, <c>layers.1</c>, …
/// and <c>norm</c>. As in PyTorch, the layers are copies of the layer passed in, so they start with equal weights
/// (nn.Transformer then re-draws them; a stack built directly keeps the copies).
/// </summary>
public sealed class TransformerEncoder : Module<Tensor, Tensor?, Tensor?, Tensor>
{
    public ModuleList<TransformerEncoderLayer> Layers { get; }

    /// <summary>The final layer norm (pre-norm stacks need one), or null.</summary>
    public LayerNorm? Norm { get; }

    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, LayerNorm? norm = null)
    {
        ArgumentNullException.ThrowIfNull(encoderLayer);
        if (numLayers < 1) throw new ArgumentException($"TransformerEncoder: numLayers must be positive, got {numLayers}.");
        Layers = RegisterModule("layers", new ModuleList<TransformerEncoderLayer>(Enumerable.Range(0, numLayers).Select(_ => encoderLayer.Copy())));
        if (norm is not null) Norm = RegisterModule("norm", norm);
    }

    /// <summary>The stack without masks.</summary>
    public Tensor Forward(Tensor src) => Forward(src, null, null);

    protected override Tensor ForwardCore(Tensor src, Tensor? mask, Tensor? srcKeyPaddingMask)
    {
        var x = src;
        foreach (var layer in Layers) x = layer.Forward(x, mask, srcKeyPaddingMask);
        return Norm is null ? x : Norm.Forward(x);
    }
}
