using Sharpgrad.Kernels;

namespace Sharpgrad.Probability;

/// <summary>
/// Draws from Gamma(α, 1), the building block of the Gamma, Beta, Dirichlet and Student-t samplers, differentiable
/// w.r.t. α by implicit reparameterisation (see <see cref="GammaKernels.SampleGradient"/>).
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
        var a = alpha.Detach().To(DType.Float64).ToArray<double>();
        var x = new double[a.Length];
        GammaKernels.Sample(a, x, generator.NextDouble, generator.NextNormal);
        var sample = FromDoubles(x, shape).To(alpha.DType).Clamp(min: FloatLimits.Tiny(alpha.DType));
        return sample.Record("StandardGamma", [alpha], g =>
        {
            var dxda = new double[x.Length];
            GammaKernels.SampleGradient(x, a, dxda);
            return [g * FromDoubles(dxda, shape).To(g.DType).FirstOrderOnly("StandardGammaGrad", alpha)];
        });
    }

    private static Tensor FromDoubles(double[] values, int[] shape) => Tensor.FromArray(values, values.Length).Reshape(shape);
}
