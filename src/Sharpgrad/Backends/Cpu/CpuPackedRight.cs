using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>The CPU backend's <see cref="PreparedRightOperand"/>: b's GEMM panels, packed once (<see cref="GemmPackedB{T}"/>).</summary>
internal sealed class CpuPackedRight<T>(Tensor b, GemmPackedB<T> packed) : PreparedRightOperand(b) where T : unmanaged, INumber<T>
{
    public GemmPackedB<T> Packed { get; } = packed;

    protected override void Release() => Packed.Release();
}
