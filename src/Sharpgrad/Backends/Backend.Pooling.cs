using Sharpgrad.Kernels;

namespace Sharpgrad.Backends;

// Pooling primitives (GBC §9.3). The op (NN/Pooling/WindowPooling.cs) lays every (image, channel) plane out as a row:
// inputs are contiguous [planes, input volume] and outputs [planes, output volume], float32 or float64. The windows
// (PoolWindows: per spatial dim, padded to three, where each output's window starts, how many taps it has and how far
// apart) are resolved by the op from the kernel size, stride, padding, dilation and ceil mode, or for adaptive pooling
// from the output size; taps that fall outside the input are padding and are skipped. Written tensors are fresh
// contiguous ones, overwritten entirely.
internal abstract partial class Backend
{
    /// <summary>
    /// values[p, o] = the largest planes[p, i] over the taps i of window o, and indices[p, o] = that i (int64, the
    /// position within the plane: the switch that backward and unpooling route through). Ties go to the first maximum
    /// in row-major window order and a NaN wins (the last NaN, if several), as in PyTorch. Every window has a tap
    /// inside the input (the op checks).
    /// </summary>
    public abstract void MaxPool(Tensor values, Tensor indices, Tensor planes, PoolWindows windows);

    /// <summary>
    /// The adjoint of <see cref="MaxPool"/>: gradPlanes[p, i] = Σ gradValues[p, o] over the outputs o whose switch
    /// indices[p, o] is i, added in output order; zero where no switch points.
    /// </summary>
    public abstract void MaxPoolBackward(Tensor gradPlanes, Tensor gradValues, Tensor indices, PoolWindows windows);

    /// <summary>output[p, o] = (Σ planes[p, i] over the taps i of window o) / divisor(o), the sum in row-major window order.</summary>
    public abstract void AvgPool(Tensor output, Tensor planes, PoolWindows windows);

    /// <summary>
    /// The adjoint of <see cref="AvgPool"/> (and so its backward, and the other way round): gradPlanes[p, i] =
    /// Σ gradOutput[p, o] / divisor(o) over the windows o that have i as a tap, added in output order.
    /// </summary>
    public abstract void AvgPoolAdjoint(Tensor gradPlanes, Tensor gradOutput, PoolWindows windows);
}
