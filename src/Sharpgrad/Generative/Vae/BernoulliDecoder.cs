namespace Sharpgrad.Generative;

/// <summary>
/// Independent Bernoulli pixels whose logits l are the decoder's output, for binary data (Kingma &amp; Welling 2014 §C.1):
/// log p(x | z) = Σᵢ xᵢ·lᵢ − ζ(lᵢ) = −BCEWithLogits summed, computed from the logits so it never takes log 0.
/// </summary>
public sealed class BernoulliDecoder : IDecoderLikelihood
{
    public Tensor LogLikelihood(Tensor decoderOutput, Tensor input)
        => (input * decoderOutput - decoderOutput.Softplus()).Flatten(1).Sum(1);

    public Tensor Mean(Tensor decoderOutput) => decoderOutput.Sigmoid();

    public override string ToString() => "BernoulliDecoder";
}
