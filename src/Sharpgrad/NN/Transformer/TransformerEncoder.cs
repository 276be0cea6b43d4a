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
        // The activations between and inside the layers go back to the pool once backward has freed the graph.
        using var activations = InternalActivations.Open(this, LayersThatKeepNothing);
        var x = src;
        foreach (var layer in Layers) x = layer.Forward(x, mask, srcKeyPaddingMask);
        var result = Norm is null ? x : Norm.Forward(x);
        return activations?.Close(result) ?? result;
    }

    /// <summary>
    /// The exact module types of an encoder stack, which run no user code and keep no tensor they compute: what
    /// <see cref="InternalActivations"/> requires before recycling a call's activations.
    /// </summary>
    internal static readonly IReadOnlySet<Type> LayersThatKeepNothing = new HashSet<Type>
    {
        typeof(TransformerEncoder), typeof(ModuleList<TransformerEncoderLayer>), typeof(TransformerEncoderLayer),
        typeof(MultiheadAttention), typeof(Linear), typeof(LayerNorm), typeof(Dropout),
    };
}
