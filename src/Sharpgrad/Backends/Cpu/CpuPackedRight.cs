using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// The CPU backend's <see cref="PreparedRightOperand"/>: b's GEMM panels, packed once (<see cref="GemmPackedB{T}"/>) into
/// an array rented from <see cref="BufferPool.Shared"/>, returned there when the operand is disposed.
/// </summary>
internal sealed class CpuPackedRight<T>(Tensor b, GemmPackedB<T> packed) : PreparedRightOperand(b) where T : unmanaged, INumber<T>
{
    public GemmPackedB<T> Packed { get; } = packed;

    /// <summary>The packed array back to the pool it was rented from (<see cref="CpuBackend.PrepareRight"/>).</summary>
    protected override void Release()
    {
        if (Packed.Release() is { } array) BufferPool.Shared.Return(array);
    }
}
