using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// im2col and its adjoint col2im (Chellapilla et al. 2006): they turn a convolution into a matrix product, so the
/// convolution runs on <see cref="Gemm"/>. <see cref="ImageToColumns"/> copies every receptive field of a batch of
/// images into a column of a matrix [C·K, N·L] (K kernel taps, L output positions; <see cref="ConvGeometry"/>);
/// <see cref="ColumnsToImage"/> adds each column entry back onto the pixel it was copied from. Col2im is the
/// transpose of im2col as a linear map, which is why it computes a convolution's input gradient and a transposed
/// convolution's output.
/// </summary>
/// <remarks>
/// Both walk the same index map: for every (image, channel) plane — the unit of parallel work, so no two threads
/// write the same element in either direction — every tap, and every row of output positions whose tap lands inside
/// the image. Positions that read padding are skipped: the column matrix starts zeroed, and padding receives no
/// gradient. Along the innermost dim a row is one contiguous run of columns and a strided run of pixels, contiguous
/// too at stride 1, where it becomes a block copy or a SIMD add.
/// </remarks>
internal static class Im2Col
{
    /// <summary>columns[c·K + k, n·L + o] = image[n, c, o·S − P + k·D] for taps inside the image. <paramref name="columns"/> must be zeroed.</summary>
    public static void ImageToColumns<T>(T[] image, int imageOffset, ConvGeometry g, T[] columns) where T : unmanaged, INumber<T>
        => Walk(g, new CopyToColumns<T>(image, columns), imageOffset, 0);

    /// <summary>image[n, c, o·S − P + k·D] += columns[c·K + k, n·L + o]; the adjoint of <see cref="ImageToColumns"/>. <paramref name="image"/> must be zeroed.</summary>
    public static void ColumnsToImage<T>(T[] columns, int columnsOffset, ConvGeometry g, T[] image) where T : unmanaged, INumber<T>
        => Walk(g, new AddToImage<T>(image, columns), 0, columnsOffset);

    /// <summary>Moves one run of <c>length</c> elements between the image (every <c>pixelStride</c>-th element) and a column row.</summary>
    private interface IRunTransfer
    {
        void Run(int pixel, int pixelStride, int column, int length);
    }

    private static void Walk<TTransfer>(ConvGeometry g, TTransfer transfer, int imageOffset, int columnsOffset) where TTransfer : struct, IRunTransfer
    {
        int planes = g.Batch * g.Channels;
        long work = (long)g.KernelVolume * g.OutputVolume;
        ParallelRange.For(planes, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, work)), (begin, end) =>
        {
            for (long p = begin; p < end; p++)
            {
                int n = (int)(p / g.Channels), c = (int)(p % g.Channels);
                WalkPlane(g, transfer, imageOffset + (int)p * g.InputVolume, columnsOffset, n, c);
            }
        });
    }

    private static void WalkPlane<TTransfer>(ConvGeometry g, TTransfer transfer, int plane, int columnsOffset, int n, int c) where TTransfer : struct, IRunTransfer
    {
        int[] input = g.Input, output = g.Output, kernel = g.Kernel;
        long rowLength = (long)g.Batch * g.OutputVolume;
        int k = 0;
        for (int kd = 0; kd < kernel[0]; kd++)
            for (int kh = 0; kh < kernel[1]; kh++)
                for (int kw = 0; kw < kernel[2]; kw++, k++)
                {
                    var (d0, d1) = g.InsideOutputs(0, kd);
                    var (h0, h1) = g.InsideOutputs(1, kh);
                    var (w0, w1) = g.InsideOutputs(2, kw);
                    if (w0 >= w1) continue;
                    int rowStart = checked((int)(columnsOffset + (c * g.KernelVolume + k) * rowLength + (long)n * g.OutputVolume));
                    for (int od = d0; od < d1; od++)
                    {
                        int id = g.InputPosition(0, od, kd);
                        for (int oh = h0; oh < h1; oh++)
                        {
                            int ih = g.InputPosition(1, oh, kh);
                            int pixel = plane + (id * input[1] + ih) * input[2] + g.InputPosition(2, w0, kw);
                            int column = rowStart + (od * output[1] + oh) * output[2] + w0;
                            transfer.Run(pixel, g.Stride[2], column, w1 - w0);
                        }
                    }
                }
    }

    private readonly struct CopyToColumns<T>(T[] image, T[] columns) : IRunTransfer where T : unmanaged
    {
        public void Run(int pixel, int pixelStride, int column, int length)
        {
            if (pixelStride == 1)
            {
                image.AsSpan(pixel, length).CopyTo(columns.AsSpan(column, length));
                return;
            }
            var dst = columns.AsSpan(column, length);
            for (int i = 0; i < dst.Length; i++) dst[i] = image[pixel + i * pixelStride];
        }
    }

    private readonly struct AddToImage<T>(T[] image, T[] columns) : IRunTransfer where T : unmanaged, INumber<T>
    {
        public void Run(int pixel, int pixelStride, int column, int length)
        {
            var src = columns.AsSpan(column, length);
            if (pixelStride == 1)
            {
                AddInto(image.AsSpan(pixel, length), src);
                return;
            }
            for (int i = 0; i < src.Length; i++) image[pixel + i * pixelStride] += src[i];
        }
    }

    /// <summary>dst += src, a SIMD vector at a time.</summary>
    private static void AddInto<T>(Span<T> dst, ReadOnlySpan<T> src) where T : unmanaged, INumber<T>
    {
        var vdst = MemoryMarshal.Cast<T, Vector<T>>(dst);
        var vsrc = MemoryMarshal.Cast<T, Vector<T>>(src);
        for (int v = 0; v < vdst.Length; v++) vdst[v] += vsrc[v];
        for (int i = vdst.Length * Vector<T>.Count; i < dst.Length; i++) dst[i] += src[i];
    }
}
