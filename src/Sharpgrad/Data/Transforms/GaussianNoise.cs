namespace Sharpgrad.Data;

/// <summary>
/// Adds independent Gaussian noise of standard deviation <paramref name="std"/> to every value: noise injection
/// at the input, a form of dataset augmentation and regularisation (GBC §7.4, §7.5). Works on any float tensor,
/// one sample or a batch. The result is not clipped (unlike torchvision v2's <c>GaussianNoise</c>, which clips
/// to [0, 1] by default), so the noise stays zero-mean; add a clamp if the next step needs bounded values.
/// </summary>
public sealed class GaussianNoise(double std) : Transform
{
    /// <summary>The standard deviation of the noise.</summary>
    public double Std { get; } = std >= 0 && double.IsFinite(std)
        ? std
        : throw new ArgumentOutOfRangeException(nameof(std), $"GaussianNoise: std must be non-negative and finite, got {std}.");

    protected override Tensor ApplyCore(Tensor input, Generator generator)
    {
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"GaussianNoise: expected a float32 or float64 input, got {input.DType.Name()} of shape {input.ShapeText}.");
        return input + Tensor.Randn(input.Shape, input.DType, generator) * Std;
    }
}
