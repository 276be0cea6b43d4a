using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// float32 ↔ 16-bit float conversion loops. <typeparamref name="THalf"/> is the storage's element type (<see cref="Half"/>
/// or BFloat16), handled as its 16 bits: a contiguous run converts a whole <see cref="Vector{T}"/> of ushort (two of
/// float) at a time, widening or narrowing the lanes with the format's SIMD form; the rest goes element by element
/// through the scalar form, which gives the same bits. Chunks depend only on the layout, as in every elementwise kernel.
/// </summary>
internal static class HalfKernels
{
    public static void Narrow<TFormat, THalf>(TFormat format, StridedLayout layout, THalf[] output, float[] input)
        where TFormat : struct, IHalfFormat where THalf : unmanaged
    {
        int so = layout.InnerStride(0), si = layout.InnerStride(1);
        layout.ForAll((at, n) =>
        {
            int o = at[0], i = at[1], k = 0;
            if (so == 1 && si == 1)
            {
                var bits = MemoryMarshal.Cast<THalf, ushort>(output.AsSpan(o, n));
                var values = input.AsSpan(i, n);
                for (; k + Vector<ushort>.Count <= n; k += Vector<ushort>.Count)
                {
                    var lower = format.Narrow(new Vector<float>(values[k..]));
                    var upper = format.Narrow(new Vector<float>(values[(k + Vector<float>.Count)..]));
                    Vector.Narrow(lower, upper).CopyTo(bits[k..]);
                }
            }
            for (; k < n; k++) output[o + k * so] = Unsafe.BitCast<ushort, THalf>(format.Narrow(input[i + k * si]));
        });
    }

    public static void Widen<TFormat, THalf>(TFormat format, StridedLayout layout, float[] output, THalf[] input)
        where TFormat : struct, IHalfFormat where THalf : unmanaged
    {
        int so = layout.InnerStride(0), si = layout.InnerStride(1);
        layout.ForAll((at, n) =>
        {
            int o = at[0], i = at[1], k = 0;
            if (so == 1 && si == 1)
            {
                var bits = MemoryMarshal.Cast<THalf, ushort>(input.AsSpan(i, n));
                var values = output.AsSpan(o, n);
                for (; k + Vector<ushort>.Count <= n; k += Vector<ushort>.Count)
                {
                    Vector.Widen(new Vector<ushort>(bits[k..]), out var lower, out var upper);
                    format.Widen(lower).CopyTo(values[k..]);
                    format.Widen(upper).CopyTo(values[(k + Vector<float>.Count)..]);
                }
            }
            for (; k < n; k++) output[o + k * so] = format.Widen(Unsafe.BitCast<THalf, ushort>(input[i + k * si]));
        });
    }
}
