using Sharpgrad.NN;

namespace Sharpgrad.Regularization;

/// <summary>
/// Adds zero-mean Gaussian noise of standard deviation σ to its input while training and is the identity in eval
/// mode, like Keras' GaussianNoise. As the first layer it is input-noise injection (GBC §7.4, §7.5: for linear
/// models, equivalent to an L2 penalty on the weights; Bishop 1995); after a hidden layer, noise on the hidden
/// units, of which dropout is the multiplicative cousin.
/// </summary>
public sealed class GaussianNoise : Module<Tensor, Tensor>
{
    private readonly Generator? generator;

    /// <param name="stdDev">σ ≥ 0</param>
    /// <param name="generator">the noise source; default <see cref="Generator.Default"/></param>
    public GaussianNoise(double stdDev, Generator? generator = null)
    {
        if (!(stdDev >= 0) || double.IsInfinity(stdDev))
            throw new ArgumentOutOfRangeException(nameof(stdDev), $"GaussianNoise: the standard deviation must be finite and ≥ 0, got {stdDev}.");
        StdDev = stdDev;
        this.generator = generator;
    }

    public double StdDev { get; }

    protected override Tensor ForwardCore(Tensor input)
    {
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"GaussianNoise: the input must be float32 or float64, got {input.DType.Name()}.");
        if (!IsTraining || StdDev == 0) return input;
        return input + Tensor.Randn(input.Shape, input.DType, generator) * StdDev;
    }

    protected override string ExtraRepr() => $"stddev={StdDev}";
}
