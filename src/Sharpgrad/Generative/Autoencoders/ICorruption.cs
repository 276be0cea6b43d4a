namespace Sharpgrad.Generative;

/// <summary>The corruption process C(x̃ | x) of a denoising autoencoder (GBC §14.5): a random map from clean to noisy input.</summary>
public interface ICorruption
{
    /// <summary>A corrupted copy of <paramref name="input"/>, drawn from <paramref name="generator"/>; never recorded for autograd.</summary>
    Tensor Corrupt(Tensor input, Generator generator);
}
