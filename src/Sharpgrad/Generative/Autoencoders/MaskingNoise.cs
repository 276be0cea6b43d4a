namespace Sharpgrad.Generative;

/// <summary>
/// Masking noise (Vincent et al. 2008; GBC §14.5): each input is set to 0 with probability p, independently. Unlike
/// dropout nothing is rescaled: the autoencoder must fill in the missing values, not keep their expected sum.
/// Buduma's denoising autoencoder uses p = 0.5.
/// </summary>
public sealed class MaskingNoise : ICorruption
{
    public MaskingNoise(double p)
    {
        if (!(p >= 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p), $"MaskingNoise: p must be in [0, 1), got {p}.");
        P = p;
    }

    public double P { get; }

    public Tensor Corrupt(Tensor input, Generator generator)
    {
        using var _ = Autograd.NoGrad();
        var keep = Tensor.Rand(input.Shape, input.DType, generator).Ge(P);
        return Tensor.Where(keep, input.Detach(), 0.0);
    }

    public override string ToString() => $"MaskingNoise(p={P})";
}
