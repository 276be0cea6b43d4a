using Sharpgrad.Probability;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// Gamma sampling (Backend.SampleGamma) and its implicit-reparameterisation gradient (Backend.GammaSampleGradient) on
/// both backends. The samples are the same bits: both draw from the generator in element order by the same
/// Marsaglia–Tsang steps. The gradients come from different formulas (the CPU switches to a continued fraction in the
/// upper tail, the reference keeps the power series), so they agree to a tolerance.
/// </summary>
public class GammaConformanceTests
{
    private static readonly double[] Alphas = [0.3, 0.9, 1, 2.5, 10, 150];

    [Theory]
    [InlineData(DType.Float64)]
    [InlineData(DType.Float32)]
    public void SamplesAgreeBitForBitAndGradientsClosely(DType dtype)
    {
        var (cpuSample, cpuGrad) = SampleAndGradient(dtype, Device.Cpu);
        var (referenceSample, referenceGrad) = SampleAndGradient(dtype, Device.Reference);
        Assert.Equal(cpuSample.ToDoubleArray(), referenceSample.ToDoubleArray());
        // In float64 a little looser than the op table's 1e-10: the reference's series loses a few digits in the upper tail.
        BackendAgreement.Close(cpuGrad, referenceGrad, dtype == DType.Float64 ? 1e-9 : 1e-5, "gradient");
    }

    [Fact]
    public void NonPositiveConcentrationsGiveNaNOnBothBackends()
    {
        foreach (var device in new[] { Device.Cpu, Device.Reference })
        {
            using var _ = Device.Use(device);
            var sample = StandardGamma.Sample(Tensor.FromArray([-1.0, 0.0, double.NaN], 3), [3], new Generator(3));
            Assert.All(sample.ToArray<double>(), v => Assert.True(double.IsNaN(v)));
        }
    }

    /// <summary>
    /// 8 draws of each α (broadcast from [6] to [8, 6], so the concentration is a stride-0 view), and d(Σ samples)/dα,
    /// which sums the per-sample derivatives over the 8 rows.
    /// </summary>
    private static (Tensor Sample, Tensor Grad) SampleAndGradient(DType dtype, Device device)
    {
        using var _ = Device.Use(device);
        var alpha = Tensor.FromArray(Alphas, Alphas.Length).To(dtype).RequireGrad();
        var sample = StandardGamma.Sample(alpha, [8, Alphas.Length], new Generator(42));
        sample.Sum().Backward();
        Assert.Equal(device, sample.Device);
        return (sample.Detach(), alpha.Grad!);
    }
}
