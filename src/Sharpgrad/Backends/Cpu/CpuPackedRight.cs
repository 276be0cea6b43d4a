using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// The CPU backend's <see cref="PreparedRightOperand"/>: b's GEMM panels, packed once (<see cref="GemmPackedB{T}"/>) into
/// an array rented from <paramref name="pool"/> (<see cref="BufferPool.Shared"/> but in tests), returned there when the
/// operand is disposed.
/// </summary>
internal sealed class CpuPackedRight<T>(Tensor b, GemmPackedB<T> packed, BufferPool pool) : PreparedRightOperand(b) where T : unmanaged, INumber<T>
{
    public GemmPackedB<T> Packed { get; } = packed;

    /// <summary>The packed array back to the pool it was rented from (<see cref="CpuBackend.PrepareRight(Tensor, BufferPool)"/>).</summary>
    protected override void Release()
    {
        if (Packed.Release() is { } array) pool.Return(array);
    }
}
