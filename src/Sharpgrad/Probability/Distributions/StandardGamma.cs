namespace Sharpgrad.Probability;

/// <summary>
/// Draws from Gamma(α, 1), the building block of the Gamma, Beta, Dirichlet and Student-t samplers, differentiable
/// w.r.t. α by implicit reparameterisation (see <see cref="Backends.Backend.GammaSampleGradient"/>).
/// </summary>
internal static class StandardGamma
{
    /// <summary>
    /// Samples of <paramref name="shape"/>, with <paramref name="concentration"/> broadcast to it, clamped below at the
    /// dtype's smallest normal number (as PyTorch) so that their logarithms are finite. The gradient w.r.t. α is
    /// first-order only, as in PyTorch.
    /// </summary>
    public static Tensor Sample(Tensor concentration, int[] shape, Generator generator)
    {
        var alpha = concentration.Expand(shape);
        // The sampler works in float64 and rounds to α's dtype at the end.
        var a = alpha.Detach().To(DType.Float64).Contiguous();
        var x = Tensor.UninitializedLike(a);
        a.Backend.SampleGamma(x, a, generator);
        var sample = x.To(alpha.DType).Clamp(min: FloatLimits.Tiny(alpha.DType));
        return sample.Record("StandardGamma", [alpha], g =>
        {
            var dxda = Tensor.UninitializedLike(a);
            a.Backend.GammaSampleGradient(dxda, x, a);
            return [g * dxda.To(g.DType).FirstOrderOnly("StandardGammaGrad", alpha)];
        });
    }
}
