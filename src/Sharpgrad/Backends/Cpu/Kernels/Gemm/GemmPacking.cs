using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        int strips = (count + width - 1) / width;
        for (int s = 0; s < strips; s++)
        {
            int full = Math.Min(width, count - s * width);
            ref T stripSrc = ref Unsafe.Add(ref src, s * width * source.ColStride);
            ref T stripDst = ref Unsafe.Add(ref dst, s * depth * width);
            if (source.ColStride == 1)
                // Each step of k is a contiguous run (B row-major, or A transposed).
                for (int p = 0; p < depth; p++)
                    Copy(ref Unsafe.Add(ref stripSrc, p * source.RowStride), ref Unsafe.Add(ref stripDst, p * width), full);
            else if (source.RowStride == 1)
                // Each index along the strip is a contiguous run along k (A row-major, or B transposed): a transpose.
                MatrixTranspose.Run(ref stripSrc, source.ColStride, depth, full, ref stripDst, width);
            else
                for (int p = 0; p < depth; p++)
                    for (int j = 0; j < full; j++)
                        Unsafe.Add(ref stripDst, p * width + j) = Unsafe.Add(ref stripSrc, p * source.RowStride + j * source.ColStride);
            if (full < width)
                for (int p = 0; p < depth; p++)
                    for (int j = full; j < width; j++) Unsafe.Add(ref stripDst, p * width + j) = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Copy<T>(ref T from, ref T to, int count) where T : unmanaged
        => MemoryMarshal.CreateReadOnlySpan(ref from, count).CopyTo(MemoryMarshal.CreateSpan(ref to, count));
}
