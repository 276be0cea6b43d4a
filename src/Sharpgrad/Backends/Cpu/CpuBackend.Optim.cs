using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    public override void ApplyUpdate<TF, TD>(Tensor param, Tensor grad, Tensor? state0, Tensor? state1, Tensor? state2, TF f, TD d)
    {
        RequireOwn("ApplyUpdate", param, grad, state0, state1);
        if (state2 is not null) RequireOwn("ApplyUpdate", state2);
        if (param.DType == DType.Float32) UpdateKernels.Run(f, param.Count, StripOf<float>(param), StripOf<float>(grad), StripOf<float>(state0), StripOf<float>(state1), StripOf<float>(state2));
        else UpdateKernels.Run(d, param.Count, StripOf<double>(param), StripOf<double>(grad), StripOf<double>(state0), StripOf<double>(state1), StripOf<double>(state2));
    }

    private static Strip<T> StripOf<T>(Tensor? t) where T : unmanaged => t is null ? default : new(t.Data<T>(), t.offset);
}
