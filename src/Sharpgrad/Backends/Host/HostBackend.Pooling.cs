using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// The pooling primitives' checks and dtype switch, shared by the host backends: each implements the generic forms.
internal abstract partial class HostBackend
{
    public sealed override void MaxPool(Tensor values, Tensor indices, Tensor planes, PoolWindows windows)
    {
        RequireOwn("MaxPool", values, indices, planes);
        if (planes.DType == DType.Float32) MaxPool<float>(values, indices, planes, windows);
        else MaxPool<double>(values, indices, planes, windows);
    }

    public sealed override void MaxPoolBackward(Tensor gradPlanes, Tensor gradValues, Tensor indices, PoolWindows windows)
    {
        RequireOwn("MaxPoolBackward", gradPlanes, gradValues, indices);
        if (gradValues.DType == DType.Float32) MaxPoolBackward<float>(gradPlanes, gradValues, indices, windows);
        else MaxPoolBackward<double>(gradPlanes, gradValues, indices, windows);
    }

    public sealed override void AvgPool(Tensor output, Tensor planes, PoolWindows windows)
    {
        RequireOwn("AvgPool", output, planes);
        if (planes.DType == DType.Float32) AvgPool<float>(output, planes, windows);
        else AvgPool<double>(output, planes, windows);
    }

    public sealed override void AvgPoolAdjoint(Tensor gradPlanes, Tensor gradOutput, PoolWindows windows)
    {
        RequireOwn("AvgPoolAdjoint", gradPlanes, gradOutput);
        if (gradOutput.DType == DType.Float32) AvgPoolAdjoint<float>(gradPlanes, gradOutput, windows);
        else AvgPoolAdjoint<double>(gradPlanes, gradOutput, windows);
    }

    protected abstract void MaxPool<T>(Tensor values, Tensor indices, Tensor planes, PoolWindows windows) where T : unmanaged, INumber<T>;

    protected abstract void MaxPoolBackward<T>(Tensor gradPlanes, Tensor gradValues, Tensor indices, PoolWindows windows) where T : unmanaged, INumber<T>;

    protected abstract void AvgPool<T>(Tensor output, Tensor planes, PoolWindows windows) where T : unmanaged, INumber<T>;

    protected abstract void AvgPoolAdjoint<T>(Tensor gradPlanes, Tensor gradOutput, PoolWindows windows) where T : unmanaged, INumber<T>;
}
