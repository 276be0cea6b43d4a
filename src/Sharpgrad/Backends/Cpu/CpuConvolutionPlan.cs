using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// A convolution prepared for the CPU kernels: the <see cref="ConvAlgorithm"/> that picks, per map, im2col + GEMM or
/// the implicit GEMM by shape (docs/design.md, "Convolutional networks") and builds each kernel's plan once, on first
/// use, for the forward pass and the backward passes alike.
/// </summary>
internal sealed class CpuConvolutionPlan(ConvGeometry geometry, int groups, int outChannels, DType dtype)
    : ConvolutionPlan(geometry, groups, outChannels, dtype)
{
    public ConvAlgorithm Algorithm { get; } = new(geometry, groups, outChannels, dtype.ElementSize(),
        dtype == DType.Float32 ? Vector<float>.Count : Vector<double>.Count);
}
