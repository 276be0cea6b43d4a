using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>
/// Transposes a small square block with register shuffles: 4 × 4 float32 or 2 × 2 float64 in SSE registers. Packing a
/// GEMM operand whose rows run along k (A row-major, or B transposed as in <c>x·Wᵀ</c>) is a transpose, and doing it
/// element by element cost as much as the multiplication itself for a 64-row batch. Where the CPU has no SSE (the
/// portable API has no two-register shuffle), <see cref="Size{T}"/> is 1 and callers copy element by element.
/// </summary>
internal static class BlockTranspose
{
    /// <summary>The block side for <typeparamref name="T"/> on this CPU; 1 when there is no fast transpose.</summary>
    public static int Size<T>() where T : unmanaged
        => typeof(T) == typeof(float) && Sse.IsSupported ? 4
        : typeof(T) == typeof(double) && Sse2.IsSupported ? 2
        : 1;

    /// <summary>
    /// to[p·toStride + q] = from[q·fromStride + p] for p, q &lt; <see cref="Size{T}"/>: rows of <paramref name="from"/>
    /// become columns of <paramref name="to"/>. Callers first check that <see cref="Size{T}"/> exceeds 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Block<T>(ref T from, int fromStride, ref T to, int toStride) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            ref float f = ref Unsafe.As<T, float>(ref from);
            ref float t = ref Unsafe.As<T, float>(ref to);
            var r0 = Vector128.LoadUnsafe(ref f);
            var r1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref f, fromStride));
            var r2 = Vector128.LoadUnsafe(ref Unsafe.Add(ref f, 2 * fromStride));
            var r3 = Vector128.LoadUnsafe(ref Unsafe.Add(ref f, 3 * fromStride));
            // (a0 b0 a1 b1), (c0 d0 c1 d1), (a2 b2 a3 b3), (c2 d2 c3 d3), then pair their halves.
            var ab01 = Sse.UnpackLow(r0, r1);
            var cd01 = Sse.UnpackLow(r2, r3);
            var ab23 = Sse.UnpackHigh(r0, r1);
            var cd23 = Sse.UnpackHigh(r2, r3);
            Sse.MoveLowToHigh(ab01, cd01).StoreUnsafe(ref t);
            Sse.MoveHighToLow(cd01, ab01).StoreUnsafe(ref Unsafe.Add(ref t, toStride));
            Sse.MoveLowToHigh(ab23, cd23).StoreUnsafe(ref Unsafe.Add(ref t, 2 * toStride));
            Sse.MoveHighToLow(cd23, ab23).StoreUnsafe(ref Unsafe.Add(ref t, 3 * toStride));
        }
        else if (typeof(T) == typeof(double))
        {
            ref double f = ref Unsafe.As<T, double>(ref from);
            ref double t = ref Unsafe.As<T, double>(ref to);
            var r0 = Vector128.LoadUnsafe(ref f);
            var r1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref f, fromStride));
            Sse2.UnpackLow(r0, r1).StoreUnsafe(ref t);
            Sse2.UnpackHigh(r0, r1).StoreUnsafe(ref Unsafe.Add(ref t, toStride));
        }
        else throw new NotSupportedException($"BlockTranspose: no block transpose for {typeof(T).Name}.");
    }

    /// <summary>
    /// to[p·toStride + q] = from[q·fromStride + p] for q &lt; 2, p &lt; 4 (float32 only): two rows of four become four
    /// pairs, each written with one 8-byte store. Callers first check that <see cref="Size{T}"/> is 4.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Pair<T>(ref T from, int fromStride, ref T to, int toStride) where T : unmanaged
    {
        if (typeof(T) != typeof(float)) throw new NotSupportedException($"BlockTranspose.Pair: float32 only, not {typeof(T).Name}.");
        ref float f = ref Unsafe.As<T, float>(ref from);
        ref float t = ref Unsafe.As<T, float>(ref to);
        var r0 = Vector128.LoadUnsafe(ref f);
        var r1 = Vector128.LoadUnsafe(ref Unsafe.Add(ref f, fromStride));
        // (a0 b0 a1 b1) and (a2 b2 a3 b3): each half is one step's pair.
        var low = Sse.UnpackLow(r0, r1).AsDouble();
        var high = Sse.UnpackHigh(r0, r1).AsDouble();
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref t), low.ToScalar());
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref t, toStride)), low.GetElement(1));
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref t, 2 * toStride)), high.ToScalar());
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref t, 3 * toStride)), high.GetElement(1));
    }
}
