using Sharpgrad.NN;

namespace Sharpgrad.Generative;

/// <summary>
/// A decoder that reuses its encoder's weight transposed, r = h·W + b′ for an encoder h = s(x·Wᵀ + b) (tied weights,
/// GBC §14.1 and Vincent et al. 2010). It owns only its bias "bias" [in]; the weight stays the encoder's parameter, so
/// an optimiser and a state dict see it once, under the encoder's name. An autoencoder with a tied decoder has about
/// half the parameters of an untied one.
/// </summary>
public sealed class TiedLinearDecoder : Module<Tensor, Tensor>
{
    public TiedLinearDecoder(Linear encoder, bool bias = true)
    {
        Encoder = encoder ?? throw new ArgumentNullException(nameof(encoder));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros([encoder.InFeatures], encoder.Weight.DType));
    }

    /// <summary>The layer whose weight [code, in] is shared; not a child, so its weight is not listed twice.</summary>
    public Linear Encoder { get; }

    /// <summary>[in], or null.</summary>
    public Tensor? Bias { get; }

    protected override Tensor ForwardCore(Tensor code)
    {
        if (code.Rank < 1 || code.Size(-1) != Encoder.OutFeatures)
            throw new ArgumentException(
                $"TiedLinearDecoder: expected codes [..., {Encoder.OutFeatures}] (the tied encoder's outputs), got {code.ShapeText}.");
        return Functional.Linear(code, Encoder.Weight.T, Bias);
    }

    protected override string ExtraRepr() => $"in_features={Encoder.OutFeatures}, out_features={Encoder.InFeatures}, tied=True";
}
