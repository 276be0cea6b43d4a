using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void CtcLossAndGradient(Tensor loss, Tensor gradient, Tensor logProbs, CtcExample[] examples, int blank, bool zeroInfinity)
    {
        RequireOwn("CtcLossAndGradient", loss, gradient, logProbs);
        CtcKernels.LossAndGradient(logProbs.Data<double>(), logProbs.offset, logProbs.shape[1], logProbs.shape[2], examples, blank,
            zeroInfinity, loss.Data<double>(), loss.offset, gradient.Data<double>(), gradient.offset);
    }
}
