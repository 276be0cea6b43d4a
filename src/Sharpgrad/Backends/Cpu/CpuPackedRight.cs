using System.Numerics;
using System.Runtime.CompilerServices;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

/// <summary>
/// The CPU backend's <see cref="PreparedRightOperand"/>: b's GEMM panels, packed once (<see cref="GemmPackedB{T}"/>) into
/// an array rented from <paramref name="pool"/> (<see cref="BufferPool.Shared"/> but in tests), returned there when the
/// operand is disposed, unless it is larger than 1/<see cref="PoolShareDenominator"/> of the pool's capacity: then it
/// is dropped for the GC to collect.
/// </summary>
internal sealed class CpuPackedRight<T>(Tensor b, GemmPackedB<T> packed, BufferPool pool) : PreparedRightOperand(b) where T : unmanaged, INumber<T>
{
    public GemmPackedB<T> Packed { get; } = packed;

    /// <summary>
    /// Packed arrays above 1/16 of the pool's capacity (64 MB of the default 1 GB) are not given back. Why: an LSTM's
    /// W_hh (16·H² bytes in float32, 4 MB at H = 512) is packed again every pass and reuses its array, but LogisticRegression packs a whole
    /// training set, twice, once per fit (60000×784 float64: two arrays of ~376 MB); returned to the 1 GB pool they
    /// would stay there after the fit, with lengths nothing else rents, and push out the arrays a training step does
    /// reuse. Against a fit's tens of evaluations, allocating such an array afresh costs little.
    /// </summary>
    public const int PoolShareDenominator = 16;

    /// <summary>The packed array back to the pool it was rented from (<see cref="CpuBackend.PrepareRight(Tensor, BufferPool)"/>).</summary>
    protected override void Release()
    {
        if (Packed.Release() is { } array && (long)array.Length * Unsafe.SizeOf<T>() <= pool.CapacityBytes / PoolShareDenominator)
            pool.Return(array);
    }
}
