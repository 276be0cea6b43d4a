namespace Sharpgrad.Generative;

/// <summary>Additive isotropic Gaussian noise x̃ = x + ε, ε ~ N(0, σ²I) (GBC §14.5.1, the corruption under which denoising learns the score).</summary>
public sealed class GaussianCorruption : ICorruption
{
    public GaussianCorruption(double stdDev)
    {
        if (!(stdDev >= 0) || double.IsInfinity(stdDev))
            throw new ArgumentOutOfRangeException(nameof(stdDev), $"GaussianCorruption: the standard deviation must be finite and ≥ 0, got {stdDev}.");
        StdDev = stdDev;
    }

    public double StdDev { get; }

    public Tensor Corrupt(Tensor input, Generator generator)
    {
        using var _ = Autograd.NoGrad();
        return input.Detach() + Tensor.Randn(input.Shape, input.DType, generator) * StdDev;
    }

    public override string ToString() => $"GaussianCorruption(std={StdDev})";
}
