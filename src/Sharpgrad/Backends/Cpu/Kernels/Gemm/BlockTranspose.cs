using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sharpgrad.Kernels;

/// <summary>
/// Transposes blocks with register shuffles. Packing a GEMM operand whose rows run along k (A row-major, or B
/// transposed as in <c>x·Wᵀ</c>) is a transpose, and doing it element by element cost as much as the multiplication
/// itself for a 64-row batch. Three shapes: a square block (<see cref="Block{T}"/>: 4 × 4 float32 or 2 × 2 float64, in
/// 128-bit SSE registers), two float32 rows of four (<see cref="Pair{T}"/>, SSE), and with AVX a float32 GEMM A strip of
/// six rows packed contiguously, eight steps at a time in 256-bit registers (<see cref="SixByEight"/>). Where the CPU
/// has no SSE (the portable API has no two-register shuffle), <see cref="Size{T}"/> is 1 and callers copy element by
/// element.
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

    /// <summary>Whether <see cref="SixByEight"/> runs on this CPU (256-bit shuffles, AVX).</summary>
    public static bool HasSixByEight => Avx.IsSupported;

    /// <summary>
    /// to[p·6 + q] = from[q·fromStride + p] for q &lt; 6, p &lt; 8 (float32): eight steps of a six-row GEMM A strip,
    /// written as eight 8-wide stores 6 apart, each overlapping the next one's first two values, so 48 values cost 8
    /// stores instead of the 4 × 4 block and the pair's 16. The store of step 7 writes two values past the block, into
    /// step 8's place: the caller writes that afterwards, or passes <paramref name="lastStepNarrow"/> where the block
    /// ends its destination. The usual AVX 8 × 8 transpose in registers (unpack pairs, shuffle quads, swap 128-bit
    /// halves), with rows 6 and 7 zero. Callers check <see cref="HasSixByEight"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SixByEight(ref float from, int fromStride, ref float to, bool lastStepNarrow)
    {
        var r0 = Vector256.LoadUnsafe(ref from);
        var r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref from, fromStride));
        var r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref from, 2 * fromStride));
        var r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref from, 3 * fromStride));
        var r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref from, 4 * fromStride));
        var r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref from, 5 * fromStride));
        // Rows a–f: (a0 b0 a1 b1 | a4 b4 a5 b5) and (a2 b2 a3 b3 | a6 b6 a7 b7), likewise c/d and e/f.
        var ab0 = Avx.UnpackLow(r0, r1); var ab2 = Avx.UnpackHigh(r0, r1);
        var cd0 = Avx.UnpackLow(r2, r3); var cd2 = Avx.UnpackHigh(r2, r3);
        var ef0 = Avx.UnpackLow(r4, r5); var ef2 = Avx.UnpackHigh(r4, r5);
        var zero = Vector256<float>.Zero;
        // (a0 b0 c0 d0 | a4 b4 c4 d4), (a1 b1 c1 d1 | a5 …), … and (e0 f0 0 0 | e4 f4 0 0), ….
        var abcd0 = Avx.Shuffle(ab0, cd0, 0x44); var abcd1 = Avx.Shuffle(ab0, cd0, 0xEE);
        var abcd2 = Avx.Shuffle(ab2, cd2, 0x44); var abcd3 = Avx.Shuffle(ab2, cd2, 0xEE);
        var ef_0 = Avx.Shuffle(ef0, zero, 0x44); var ef_1 = Avx.Shuffle(ef0, zero, 0xEE);
        var ef_2 = Avx.Shuffle(ef2, zero, 0x44); var ef_3 = Avx.Shuffle(ef2, zero, 0xEE);
        // Low halves give steps 0–3, high halves steps 4–7; stored in increasing order so each overlap is overwritten.
        Avx.Permute2x128(abcd0, ef_0, 0x20).StoreUnsafe(ref to);
        Avx.Permute2x128(abcd1, ef_1, 0x20).StoreUnsafe(ref Unsafe.Add(ref to, 6));
        Avx.Permute2x128(abcd2, ef_2, 0x20).StoreUnsafe(ref Unsafe.Add(ref to, 12));
        Avx.Permute2x128(abcd3, ef_3, 0x20).StoreUnsafe(ref Unsafe.Add(ref to, 18));
        Avx.Permute2x128(abcd0, ef_0, 0x31).StoreUnsafe(ref Unsafe.Add(ref to, 24));
        Avx.Permute2x128(abcd1, ef_1, 0x31).StoreUnsafe(ref Unsafe.Add(ref to, 30));
        Avx.Permute2x128(abcd2, ef_2, 0x31).StoreUnsafe(ref Unsafe.Add(ref to, 36));
        var last = Avx.Permute2x128(abcd3, ef_3, 0x31);
        if (!lastStepNarrow) last.StoreUnsafe(ref Unsafe.Add(ref to, 42));
        else
        {
            last.GetLower().StoreUnsafe(ref Unsafe.Add(ref to, 42));
            Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref to, 46)), last.GetUpper().AsUInt64().ToScalar());
        }
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
