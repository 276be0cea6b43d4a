namespace Sharpgrad.Generative;

/// <summary>
/// The decoder's observation model p(x | z) of a <see cref="Vae"/>: how the decoder's output parameterises a distribution
/// over inputs (GBC §20.10.3). Log-likelihoods are in nats, summed over every non-batch dim, one value per example.
/// </summary>
public interface IDecoderLikelihood
{
    /// <summary>log p(x | z) per example [N], given the decoder's output and the inputs, both [N, ...] of one shape.</summary>
    Tensor LogLikelihood(Tensor decoderOutput, Tensor input);

    /// <summary>The mean of p(x | z), what a sample grid shows.</summary>
    Tensor Mean(Tensor decoderOutput);
}
