namespace Sharpgrad.Generative;

/// <summary>
/// Binary images for the Bernoulli models (RBM, Bernoulli VAE, NADE): a fixed threshold, or the stochastic binarisation
/// of Salakhutdinov &amp; Murray (2008), where pixel intensity p becomes 1 with probability p, drawn once from a seeded
/// generator so a data set is the same on every run.
/// </summary>
public static class Binarisation
{
    /// <summary>1 where x &gt; threshold, else 0, in x's dtype.</summary>
    public static Tensor Threshold(Tensor x, double threshold = 0.5)
    {
        using var _ = Autograd.NoGrad();
        return x.Detach().Gt(threshold).To(x.DType.IsFloatingPoint() ? x.DType : DType.Float32);
    }

    /// <summary>1 with probability x (which must lie in [0, 1]), else 0.</summary>
    public static Tensor Stochastic(Tensor x, Generator generator)
    {
        using var _ = Autograd.NoGrad();
        var p = x.Detach();
        // Written so that NaN (which compares false with everything) is refused too.
        if (!(p.Min().Item() >= 0) || !(p.Max().Item() <= 1))
            throw new ArgumentException($"Binarisation: stochastic binarisation needs intensities in [0, 1], got the range [{p.Min().Item()}, {p.Max().Item()}] in {x.ShapeText}.");
        return Tensor.Rand(p.Shape, p.DType, generator).Lt(p).To(p.DType);
    }
}
