using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void SampleGamma(Tensor output, Tensor concentration, Generator generator)
    {
        RequireOwn("SampleGamma", output, concentration);
        GammaKernels.Sample(Elements(concentration).Span, Elements(output).Span, generator.NextDouble, generator.NextNormal);
    }

    public override void GammaSampleGradient(Tensor gradient, Tensor sample, Tensor concentration)
    {
        RequireOwn("GammaSampleGradient", gradient, sample, concentration);
        GammaKernels.SampleGradient(Elements(sample), Elements(concentration), Elements(gradient));
    }
}
