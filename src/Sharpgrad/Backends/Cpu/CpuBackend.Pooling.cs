using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// Pooling runs MaxPoolKernel and AvgPoolKernel, parallel over planes, with their vectorised path for 2×2 stride-2 windows.
internal sealed partial class CpuBackend
{
    public override void MaxPool(Tensor values, Tensor indices, Tensor planes, PoolWindows windows)
    {
        RequireOwn("MaxPool", values, indices, planes);
        if (planes.DType == DType.Float32) MaxPoolKernel.Forward(planes.Data<float>(), planes.offset, windows, values.Data<float>(), indices.Data<long>());
        else MaxPoolKernel.Forward(planes.Data<double>(), planes.offset, windows, values.Data<double>(), indices.Data<long>());
    }

    public override void MaxPoolBackward(Tensor gradPlanes, Tensor gradValues, Tensor indices, PoolWindows windows)
    {
        RequireOwn("MaxPoolBackward", gradPlanes, gradValues, indices);
        long[] switches = indices.Data<long>();
        if (gradValues.DType == DType.Float32)
            MaxPoolKernel.Backward(gradValues.Data<float>(), gradValues.offset, switches, indices.offset, windows, gradPlanes.Data<float>());
        else MaxPoolKernel.Backward(gradValues.Data<double>(), gradValues.offset, switches, indices.offset, windows, gradPlanes.Data<double>());
    }

    public override void AvgPool(Tensor output, Tensor planes, PoolWindows windows)
    {
        RequireOwn("AvgPool", output, planes);
        if (planes.DType == DType.Float32) AvgPoolKernel.Forward(planes.Data<float>(), planes.offset, windows, output.Data<float>());
        else AvgPoolKernel.Forward(planes.Data<double>(), planes.offset, windows, output.Data<double>());
    }

    public override void AvgPoolAdjoint(Tensor gradPlanes, Tensor gradOutput, PoolWindows windows)
    {
        RequireOwn("AvgPoolAdjoint", gradPlanes, gradOutput);
        if (gradOutput.DType == DType.Float32) AvgPoolKernel.Adjoint(gradOutput.Data<float>(), gradOutput.offset, windows, gradPlanes.Data<float>());
        else AvgPoolKernel.Adjoint(gradOutput.Data<double>(), gradOutput.offset, windows, gradPlanes.Data<double>());
    }
}
