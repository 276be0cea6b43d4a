namespace Sharpgrad.Generative;

/// <summary>Sampling binary stochastic units, shared by the Boltzmann machines and their samplers.</summary>
internal static class BinaryUnits
{
    /// <summary>1 where a uniform draw falls below p (the same rule as torch.bernoulli), in p's dtype.</summary>
    public static Tensor Sample(Tensor probabilities, Generator generator)
        => Tensor.Rand(probabilities.Shape, probabilities.DType, generator).Lt(probabilities.Detach()).To(probabilities.DType);
}
