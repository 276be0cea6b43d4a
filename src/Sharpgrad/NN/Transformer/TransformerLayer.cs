namespace Sharpgrad.NN;

/// <summary>
/// What the encoder and decoder layers share: their settings and the feed-forward sublayer's modules. Each layer
/// registers its own submodules in PyTorch's order, which differs between the two (the decoder's multihead_attn comes
/// before linear1).
/// </summary>
public abstract class TransformerLayer<T2, T3> : Module<Tensor, T2, T3, Tensor>
{
    private protected TransformerLayer(TransformerLayerOptions options, string layer)
    {
        options.Check(layer);
        Options = options;
    }

    private protected TransformerLayerOptions Options { get; }

    public int DModel => Options.DModel;
    public bool NormFirst => Options.NormFirst;
    public bool BatchFirst => Options.BatchFirst;
    public TransformerActivation Activation => Options.Activation;
}
