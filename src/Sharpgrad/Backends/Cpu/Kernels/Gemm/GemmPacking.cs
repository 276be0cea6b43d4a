using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Copies a block of an operand into the order the micro-kernel reads it: strips <c>width</c> elements wide, each
/// stored step by step along the shared dimension k, so the kernel streams both operands with unit stride and the
/// block stays in cache while it is reused (Goto &amp; van de Geijn 2008, §4–5). A block of B is packed as it is;
/// a block of A is packed as the same routine applied to Aᵀ, so the transposed, strided and row-major cases of both
/// operands are all handled here, reading the operand in place without materialising a transpose.
/// Strips past the operand's edge are padded with zeros, which add nothing to the product.
/// </summary>
internal static class GemmPacking
{
    /// <summary>
    /// packed[(s·depth + p)·width + j] = source[depth0 + p, along0 + s·width + j] for p &lt; depth, for the
    /// <paramref name="count"/> indices along the strip dimension, zero beyond them. The source is [k, ·]: B itself,
    /// or Aᵀ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<T>(Gemm.Operand<T> source, int depth0, int depth, int along0, int count, Span<T> packed, int width)
        where T : unmanaged
    {
        ref T src = ref source.Data[source.Offset + depth0 * source.RowStride + along0 * source.ColStride];
        ref T dst = ref packed[0];
        if (source.ColStride == 1)
        {
            // Each step of k is a contiguous run (B row-major, or A transposed).
            PackRows(ref src, source.RowStride, depth, count, ref dst, width);
            return;
        }
        int strips = (count + width - 1) / width;
        for (int s = 0; s < strips; s++)
        {
            int full = Math.Min(width, count - s * width);
            ref T stripSrc = ref Unsafe.Add(ref src, s * width * source.ColStride);
            ref T stripDst = ref Unsafe.Add(ref dst, s * depth * width);
            if (source.RowStride == 1)
            {
                // Each index along the strip is a contiguous run along k (A row-major, or B transposed): a transpose.
                // The next strip's runs are fetched meanwhile: they start a cache line apart from nothing the hardware
                // prefetcher has seen, and waiting for them made the transpose cost ~5 cycles per element inside a GEMM.
                if (s + 1 < strips) CachePrefetch.Runs(ref Unsafe.Add(ref stripSrc, width * source.ColStride), source.ColStride, Math.Min(width, count - (s + 1) * width), depth);
                MatrixTranspose.Run(ref stripSrc, source.ColStride, depth, full, ref stripDst, width);
            }
            else
                for (int p = 0; p < depth; p++)
                    for (int j = 0; j < full; j++)
                        Unsafe.Add(ref stripDst, p * width + j) = Unsafe.Add(ref stripSrc, p * source.RowStride + j * source.ColStride);
            if (full < width) ClearPadding(ref stripDst, depth, width, full);
        }
    }

    /// <summary>
    /// Packs a source whose steps of k are contiguous rows: row by row, each row read front to back and dealt out to
    /// the strips. Going strip by strip instead read <paramref name="width"/> values from each of <paramref name="depth"/>
    /// rows a whole row apart, a pattern the hardware prefetcher does not follow: 3.2–6.2 cycles per element at
    /// n = 1024–2048 (packing alone, under load), now 1.3–2.2 (docs/performance.md, "GEMM packing row by row and C
    /// prefetch (branch peak21, issue #21)").
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRows<T>(ref T src, int rowStride, int depth, int count, ref T dst, int width) where T : unmanaged
    {
        int fullStrips = count / width, rest = count - fullStrips * width;
        nint stripStep = (nint)depth * width;
        for (int p = 0; p < depth; p++)
        {
            ref T row = ref Unsafe.Add(ref src, (nint)p * rowStride);
            ref T to = ref Unsafe.Add(ref dst, (nint)p * width);
            for (int s = 0; s < fullStrips; s++)
                CopyRun(ref Unsafe.Add(ref row, s * width), ref Unsafe.Add(ref to, s * stripStep), width);
            if (rest > 0)
            {
                ref T last = ref Unsafe.Add(ref to, fullStrips * stripStep);
                CopyRun(ref Unsafe.Add(ref row, fullStrips * width), ref last, rest);
                for (int j = rest; j < width; j++) Unsafe.Add(ref last, j) = default;
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="count"/> elements with vector moves: a strip is 2–32 elements, too short to pay for a call
    /// to Memmove. The 128-bit loop serves what the 256-bit one leaves and machines without 256-bit vectors (ARM64's
    /// NEON), which Memmove vectorised too.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRun<T>(ref T from, ref T to, int count) where T : unmanaged
    {
        int j = 0;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
            for (; j + Vector256<T>.Count <= count; j += Vector256<T>.Count)
                Vector256.LoadUnsafe(ref Unsafe.Add(ref from, j)).StoreUnsafe(ref Unsafe.Add(ref to, j));
        if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported)
            for (; j + Vector128<T>.Count <= count; j += Vector128<T>.Count)
                Vector128.LoadUnsafe(ref Unsafe.Add(ref from, j)).StoreUnsafe(ref Unsafe.Add(ref to, j));
        for (; j < count; j++) Unsafe.Add(ref to, j) = Unsafe.Add(ref from, j);
    }

    private static void ClearPadding<T>(ref T stripDst, int depth, int width, int full) where T : unmanaged
    {
        for (int p = 0; p < depth; p++)
            for (int j = full; j < width; j++) Unsafe.Add(ref stripDst, p * width + j) = default;
    }
}
