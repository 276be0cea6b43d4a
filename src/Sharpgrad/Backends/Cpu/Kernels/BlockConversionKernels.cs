using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>A change of dtype that also converts a whole block of <see cref="Block"/> contiguous elements at once with SIMD.</summary>
internal interface IBlockConvertOp<TFrom, TTo> : IConvertOp<TFrom, TTo> where TFrom : unmanaged where TTo : unmanaged
{
    int Block { get; }

    /// <summary>Converts exactly <see cref="Block"/> elements, giving the same bits as the scalar form would.</summary>
    void Apply(ReadOnlySpan<TFrom> source, Span<TTo> destination);
}

/// <summary>float32 → a 16-bit format, rounding to nearest even: a block is one vector of ushort, from two of float.</summary>
internal readonly struct Narrowing<TFormat, THalf> : IBlockConvertOp<float, THalf>
    where TFormat : struct, IHalfFormat where THalf : unmanaged
{
    public int Block => Vector<ushort>.Count;

    public THalf Apply(float value) => Unsafe.BitCast<ushort, THalf>(default(TFormat).Narrow(value));

    public void Apply(ReadOnlySpan<float> source, Span<THalf> destination)
    {
        var lower = default(TFormat).Narrow(new Vector<float>(source));
        var upper = default(TFormat).Narrow(new Vector<float>(source[Vector<float>.Count..]));
        Vector.Narrow(lower, upper).CopyTo(MemoryMarshal.Cast<THalf, ushort>(destination));
    }
}

/// <summary>A 16-bit format → float32, exactly: a block is one vector of ushort, widened into two of float.</summary>
internal readonly struct Widening<TFormat, THalf> : IBlockConvertOp<THalf, float>
    where TFormat : struct, IHalfFormat where THalf : unmanaged
{
    public int Block => Vector<ushort>.Count;

    public float Apply(THalf value) => default(TFormat).Widen(Unsafe.BitCast<THalf, ushort>(value));

    public void Apply(ReadOnlySpan<THalf> source, Span<float> destination)
    {
        Vector.Widen(new Vector<ushort>(MemoryMarshal.Cast<THalf, ushort>(source)), out var lower, out var upper);
        default(TFormat).Widen(lower).CopyTo(destination);
        default(TFormat).Widen(upper).CopyTo(destination[Vector<float>.Count..]);
    }
}

/// <summary>
/// Conversion loops whose contiguous runs go a SIMD block at a time (the float32 ↔ float16/bfloat16 conversions); the
/// rest of a run, and strided runs, go element by element through the scalar form, which gives the same bits. Chunks
/// depend only on the layout, as in every elementwise kernel.
/// </summary>
internal static class BlockConversionKernels
{
    public static void Convert<TFrom, TTo, TOp>(TOp op, StridedLayout layout, TTo[] output, TFrom[] input)
        where TFrom : unmanaged where TTo : unmanaged where TOp : struct, IBlockConvertOp<TFrom, TTo>
    {
        int so = layout.InnerStride(0), si = layout.InnerStride(1);
        layout.ForAll((at, n) =>
        {
            int o = at[0], i = at[1], k = 0, block = op.Block;
            if (so == 1 && si == 1)
                for (; k + block <= n; k += block) op.Apply(input.AsSpan(i + k, block), output.AsSpan(o + k, block));
            for (; k < n; k++) output[o + k * so] = op.Apply(input[i + k * si]);
        });
    }
}
