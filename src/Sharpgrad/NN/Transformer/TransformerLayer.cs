namespace Sharpgrad.NN;

/// <summary>
/// What the encoder and decoder layers share: their settings and the feed-forward sublayer's modules. Each layer
/// registers its own submodules in PyTorch's order, which differs between the two (the decoder's multihead_attn comes
/// before linear1).
/// </summary>
public abstract class TransformerLayer<T2, T3> : Module<Tensor, T2, T3, Tensor>, IOwnFlops
{
    /// <summary>Residual sums in the layer: 2 in an encoder layer (attention, feed-forward), 3 in a decoder layer.</summary>
    private protected abstract int ResidualCount { get; }

    /// <summary>
    /// What the layer computes outside its child modules: the activation, 1 per element of the [rows, dim_feedforward]
    /// hidden layer, and each residual sum, 1 per element of the [rows, d_model] stream (ModelSummary's conventions).
    /// </summary>
    long IOwnFlops.OwnFlops(IReadOnlyList<Tensor> inputs)
    {
        long rows = inputs[0].Count / DModel;
        return rows * Options.DimFeedforward + ResidualCount * rows * DModel;
    }

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
