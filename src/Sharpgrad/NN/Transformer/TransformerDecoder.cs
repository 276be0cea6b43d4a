namespace Sharpgrad.NN;

/// <summary>
/// A stack of decoder layers with an optional final layer norm (nn.TransformerDecoder): <c>layers.0</c>, … and
/// <c>norm</c>; every layer attends to the same memory. The layers are copies of the layer passed in, as in PyTorch.
/// </summary>
public sealed class TransformerDecoder : Module<Tensor, Tensor, DecoderMasks?, Tensor>
{
    public ModuleList<TransformerDecoderLayer> Layers { get; }

    /// <summary>The final layer norm, or null.</summary>
    public LayerNorm? Norm { get; }

    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers, LayerNorm? norm = null)
    {
        ArgumentNullException.ThrowIfNull(decoderLayer);
        if (numLayers < 1) throw new ArgumentException($"TransformerDecoder: numLayers must be positive, got {numLayers}.");
        Layers = RegisterModule("layers", new ModuleList<TransformerDecoderLayer>(Enumerable.Range(0, numLayers).Select(_ => decoderLayer.Copy())));
        if (norm is not null) Norm = RegisterModule("norm", norm);
    }

    /// <summary>The stack without masks.</summary>
    public Tensor Forward(Tensor tgt, Tensor memory) => Forward(tgt, memory, null);

    protected override Tensor ForwardCore(Tensor tgt, Tensor memory, DecoderMasks? masks)
    {
        var x = tgt;
        foreach (var layer in Layers) x = layer.Forward(x, memory, masks);
        return Norm is null ? x : Norm.Forward(x);
    }
}
