using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// Pooling runs MaxPoolKernel and AvgPoolKernel, parallel over planes, with their vectorised path for 2×2 stride-2 windows.
internal sealed partial class CpuBackend
{
    protected override void MaxPool<T>(Tensor values, Tensor indices, Tensor planes, PoolWindows windows)
        => MaxPoolKernel.Forward(planes.Data<T>(), planes.offset, windows, values.Data<T>(), indices.Data<long>());

    protected override void MaxPoolBackward<T>(Tensor gradPlanes, Tensor gradValues, Tensor indices, PoolWindows windows)
        => MaxPoolKernel.Backward(gradValues.Data<T>(), gradValues.offset, indices.Data<long>(), indices.offset, windows, gradPlanes.Data<T>());

    protected override void AvgPool<T>(Tensor output, Tensor planes, PoolWindows windows)
        => AvgPoolKernel.Forward(planes.Data<T>(), planes.offset, windows, output.Data<T>());

    protected override void AvgPoolAdjoint<T>(Tensor gradPlanes, Tensor gradOutput, PoolWindows windows)
        => AvgPoolKernel.Adjoint(gradOutput.Data<T>(), gradOutput.offset, windows, gradPlanes.Data<T>());
}
