namespace Sharpgrad.NN;

/// <summary>
/// <see cref="MultiheadAttention"/> as self-attention, query = key = value = the input, returning the attended sequence
/// only: a <c>Module&lt;Tensor, Tensor&gt;</c> that fits in a <see cref="Sequential"/> and exports to ONNX. An optional
/// mask is applied on every call: <paramref name="causal"/> lets step i attend to steps ≤ i only (the decoder's mask,
/// Vaswani et al. 2017 §3.2.3), built for each input's length; or a constant [L, L] mask. The attention module is
/// registered as <c>attn</c>.
/// </summary>
public sealed class SelfAttention : Module<Tensor, Tensor>
{
    private readonly FixedAttentionMask mask;

    public MultiheadAttention Attention { get; }

    /// <summary>Whether step i may attend only to steps ≤ i.</summary>
    public bool Causal => mask.Causal;

    /// <summary>The constant [L, L] mask given, or null.</summary>
    public Tensor? Mask => mask.Constant;

    /// <param name="attention">the attention; its kdim and vdim must be its embedDim, as self-attention needs</param>
    /// <param name="mask">a constant [L, L] mask (bool true = may not attend, or additive float), which fixes the length L</param>
    public SelfAttention(MultiheadAttention attention, bool causal = false, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(attention);
        this.mask = FixedAttentionMask.Create(nameof(SelfAttention), causal, mask);
        Attention = RegisterModule("attn", attention);
    }

    protected override Tensor ForwardCore(Tensor input)
    {
        var attnMask = mask.For(nameof(SelfAttention), FixedAttentionMask.Steps(input, Attention.BatchFirst), input.DType);
        return Attention.Forward(input, input, input, new AttentionOptions { AttnMask = attnMask, NeedWeights = false }).Output;
    }

    protected override string ExtraRepr() => mask.Repr();
}
