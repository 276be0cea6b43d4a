using System.Runtime.CompilerServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// Transposes a strided matrix in square register blocks (<see cref="BlockTranspose"/>), then element by element at
/// the edges: packing a GEMM operand whose rows run along k, and the implicit convolution's moves between [L, O] tiles
/// and NCHW planes (docs/performance.md, "ResNet-20 training step: block transposes, uninitialised outputs, batch norm
/// per channel (branch cnnstep)": element-by-element transposes there took 8% of the step). Only moves values, so the
/// results are the same bits whichever path runs.
/// </summary>
internal static class MatrixTranspose
{
    /// <summary>
    /// to[toOffset + c·toStride + r] = from[fromOffset + r·fromStride + c] for r &lt; <paramref name="rows"/>, c &lt;
    /// <paramref name="columns"/>, checking both ranges first.
    /// </summary>
    public static void Copy<T>(T[] from, int fromOffset, int fromStride, int rows, int columns, T[] to, int toOffset, int toStride)
        where T : unmanaged
    {
        if (rows <= 0 || columns <= 0) return;
        CheckRange(from.Length, fromOffset, fromStride, rows, columns, "source");
        CheckRange(to.Length, toOffset, toStride, columns, rows, "destination");
        Run(ref from[fromOffset], fromStride, columns, rows, ref to[toOffset], toStride);
    }

    private static void CheckRange(int length, int offset, int stride, int rows, int columns, string name)
    {
        if (offset < 0 || stride < columns || (long)offset + (long)(rows - 1) * stride + columns > length)
            throw new ArgumentException($"MatrixTranspose: the {name} [{rows}, {columns}] with row stride {stride} at offset {offset} does not fit its array of {length}.");
    }

    /// <summary>to[p·width + j] = from[j·stride + p] for p &lt; depth, j &lt; count: square blocks in registers, then the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<T>(ref T from, int stride, int depth, int count, ref T to, int width) where T : unmanaged
    {
        // A float32 GEMM A strip (six rows, packed contiguously): eight steps at a time in 256-bit registers.
        if (typeof(T) == typeof(float) && count == GemmMicroKernel.Rows && width == count && BlockTranspose.HasSixByEight && depth >= 8)
        {
            int eights = depth - depth % 8;
            ref float f = ref Unsafe.As<T, float>(ref from);
            ref float t = ref Unsafe.As<T, float>(ref to);
            for (int p = 0; p < eights; p += 8)
                BlockTranspose.SixByEight(ref Unsafe.Add(ref f, p), stride, ref Unsafe.Add(ref t, p * width), lastStepNarrow: p + 8 == depth);
            if (eights == depth) return;
            from = ref Unsafe.Add(ref from, eights);
            to = ref Unsafe.Add(ref to, eights * width);
            depth -= eights;
        }
        int block = BlockTranspose.Size<T>(), j = 0, blockedDepth = depth - depth % block;
        if (block > 1)
            for (; j + block <= count; j += block)
            {
                ref T rows = ref Unsafe.Add(ref from, j * stride);
                for (int p = 0; p < blockedDepth; p += block)
                    BlockTranspose.Block(ref Unsafe.Add(ref rows, p), stride, ref Unsafe.Add(ref to, p * width + j), width);
                for (int p = blockedDepth; p < depth; p++)
                    for (int q = 0; q < block; q++) Unsafe.Add(ref to, p * width + j + q) = Unsafe.Add(ref rows, q * stride + p);
            }
        // Two rows left of a float32 block of four (an A strip of six rows: 4 + 2): interleaved pairwise rather than
        // element by element, which took a third of the strip's values one at a time.
        if (block == 4 && typeof(T) == typeof(float))
            for (; j + 2 <= count; j += 2)
            {
                ref T rows = ref Unsafe.Add(ref from, j * stride);
                for (int p = 0; p < blockedDepth; p += block)
                    BlockTranspose.Pair(ref Unsafe.Add(ref rows, p), stride, ref Unsafe.Add(ref to, p * width + j), width);
                for (int p = blockedDepth; p < depth; p++)
                    for (int q = 0; q < 2; q++) Unsafe.Add(ref to, p * width + j + q) = Unsafe.Add(ref rows, q * stride + p);
            }
        for (; j < count; j++)
        {
            ref T run = ref Unsafe.Add(ref from, j * stride);
            ref T column = ref Unsafe.Add(ref to, j);
            for (int p = 0; p < depth; p++)
            {
                column = run;
                run = ref Unsafe.Add(ref run, 1);
                column = ref Unsafe.Add(ref column, width);
            }
        }
    }
}
