namespace Sharpgrad.NN;

/// <summary>
/// A <see cref="TransformerEncoderLayer"/> or a <see cref="TransformerEncoder"/> stack as a <c>Module&lt;Tensor, Tensor&gt;</c>
/// with a fixed self-attention mask (none, causal, or a constant [L, L] one; see <see cref="SelfAttention"/>), so that
/// an encoder fits in a <see cref="Sequential"/> and exports to ONNX: <c>new Sequential(new Embedding(V, E),
/// new SinusoidalPositionalEncoding(E, batchFirst: true), new SequenceEncoder(encoder), new SequencePooling(1),
/// new Linear(E, C))</c> is a Transformer encoder classifier. The wrapped module is registered as <c>encoder</c>.
/// </summary>
public sealed class SequenceEncoder : Module<Tensor, Tensor>
{
    private readonly FixedAttentionMask mask;
    private readonly Func<Tensor, Tensor?, Tensor> run;

    /// <summary>The wrapped TransformerEncoderLayer or TransformerEncoder.</summary>
    public Module Encoder { get; }

    public bool BatchFirst { get; }

    /// <summary>Whether step i may attend only to steps ≤ i.</summary>
    public bool Causal => mask.Causal;

    /// <summary>The constant [L, L] mask given, or null.</summary>
    public Tensor? Mask => mask.Constant;

    public SequenceEncoder(TransformerEncoderLayer layer, bool causal = false, Tensor? mask = null)
        : this(layer, layer?.BatchFirst ?? false, (x, m) => layer!.Forward(x, m, null), causal, mask) { }

    public SequenceEncoder(TransformerEncoder encoder, bool causal = false, Tensor? mask = null)
        : this(encoder, encoder?.Layers[0].BatchFirst ?? false, (x, m) => encoder!.Forward(x, m, null), causal, mask) { }

    private SequenceEncoder(Module? encoder, bool batchFirst, Func<Tensor, Tensor?, Tensor> run, bool causal, Tensor? mask)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        this.mask = FixedAttentionMask.Create(nameof(SequenceEncoder), causal, mask);
        (Encoder, BatchFirst, this.run) = (RegisterModule("encoder", encoder), batchFirst, run);
    }

    protected override Tensor ForwardCore(Tensor input) =>
        run(input, mask.For(nameof(SequenceEncoder), FixedAttentionMask.Steps(input, BatchFirst), input.DType));

    protected override string ExtraRepr() => mask.Repr();
}
