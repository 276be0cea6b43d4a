using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
/// too at stride 1, where it becomes a SIMD copy or add; the rows of one tap form a block moved in one call.
/// </remarks>
internal static class Im2Col
{
    /// <summary>columns[c·K + k, n·L + o] = image[n, c, o·S − P + k·D] for taps inside the image. <paramref name="columns"/> must be zeroed.</summary>
    public static void ImageToColumns<T>(T[] image, int imageOffset, ConvGeometry g, T[] columns) where T : unmanaged, INumber<T>
        => Walk(g, new CopyToColumns<T>(image, columns), imageOffset, 0);

    /// <summary>image[n, c, o·S − P + k·D] += columns[c·K + k, n·L + o]; the adjoint of <see cref="ImageToColumns"/>. <paramref name="image"/> must be zeroed.</summary>
    public static void ColumnsToImage<T>(T[] columns, int columnsOffset, ConvGeometry g, T[] image) where T : unmanaged, INumber<T>
        => Walk(g, new AddToImage<T>(image, columns), 0, columnsOffset);

    /// <summary>
    /// One tile of the column matrix of <paramref name="images"/> consecutive images side by side:
    /// columns[c·K + k, i·P + (r − first)·W + w] = image i's [c, position (r, w) through tap k] for the output rows r in
    /// [<paramref name="first"/>, <paramref name="end"/>) (see <see cref="ConvGeometry.OutputRows"/>; P = (end − first)·W
    /// positions per image), the images [C, input...] dense from <paramref name="imageOffset"/>, and the rows of the
    /// column matrix <paramref name="rowStride"/> apart. Entries that read padding are left as they are: the caller
    /// zeroes the tile when <see cref="ConvGeometry.ReadsPadding"/>. Runs on the calling thread; callers parallelise over
    /// images.
    /// </summary>
    public static void ImageRowsToColumns<T>(T[] image, int imageOffset, int images, ConvGeometry g, int first, int end, T[] columns, int columnsOffset, int rowStride)
        where T : unmanaged, INumber<T>
        => WalkImages(g, new CopyToColumns<T>(image, columns), imageOffset, images, columnsOffset, first, end, rowStride);

    /// <summary>
    /// <see cref="ImageRowsToColumns"/> written straight into the packed strips of the GEMM's right operand: column-matrix
    /// entry [row, j] of the tile (j counted from <paramref name="columnsOffset"/>, rows of <paramref name="rowStride"/>
    /// positions) goes to its place (<see cref="GemmPackedB{T}.RowLayout"/>) in the packed strips of group
    /// row / <paramref name="groupRows"/>, all in <paramref name="data"/>. The loop nest would copy a column matrix into
    /// exactly that order before multiplying (Goto &amp; van de Geijn 2008, §4), so the product reads the same values in
    /// the same order and the copy through a column matrix is saved. As in <see cref="ImageRowsToColumns"/>, entries that
    /// read padding are left as they are, and so is the strips' padding past the tile's columns: the caller zeroes them.
    /// </summary>
    public static void ImageRowsToStrips<T>(T[] image, int imageOffset, int images, ConvGeometry g, int first, int end, T[] data, GemmPackedB<T>[] strips,
        int groupRows, int columnsOffset, int rowStride) where T : unmanaged, INumber<T>
        => WalkImages(g, new CopyToStrips<T>(image, data, strips, groupRows, rowStride), imageOffset, images, columnsOffset, first, end, rowStride);

    /// <summary>The adjoint of <see cref="ImageRowsToColumns"/>: adds a tile of columns onto the pixels of the images it stands for.</summary>
    public static void ColumnsToImageRows<T>(T[] columns, int columnsOffset, ConvGeometry g, int first, int end, T[] image, int imageOffset, int images, int rowStride)
        where T : unmanaged, INumber<T>
        => WalkImages(g, new AddToImage<T>(image, columns), imageOffset, images, columnsOffset, first, end, rowStride);

    /// <summary>
    /// Moves a block of <c>rows</c> runs of <c>length</c> elements between the image (runs <c>pixelStep</c> apart,
    /// elements <c>pixelStride</c> apart) and column rows (runs <c>columnStep</c> apart, elements adjacent), for each
    /// of <see cref="ImageSteps.Count"/> images (<see cref="ImageSteps"/> apart in both).
    /// </summary>
    private interface IBlockTransfer
    {
        void Block(int pixel, int pixelStep, int pixelStride, int column, int columnStep, int rows, int length, ImageSteps images);
    }

    /// <summary>
    /// The same block in <paramref name="Count"/> images side by side in a tile: <paramref name="Pixel"/> elements apart
    /// in the batch, <paramref name="Column"/> apart in the column rows. One call then moves a tap's runs for all the
    /// tile's images, so what a block costs to set up (its bounds check, and for packed strips where its row lies) is paid
    /// once per tile rather than once per image: at VGG-11's 4×4 maps a block is at most 4 runs of 4.
    /// </summary>
    private readonly record struct ImageSteps(int Count, int Pixel, int Column)
    {
        public static ImageSteps One => new(1, 0, 0);
    }

    private static void Walk<TTransfer>(ConvGeometry g, TTransfer transfer, int imageOffset, int columnsOffset) where TTransfer : struct, IBlockTransfer
    {
        int planes = g.Batch * g.Channels;
        long work = (long)g.KernelVolume * g.OutputVolume, rowLength = (long)g.Batch * g.OutputVolume;
        ParallelRange.For(planes, Math.Max(1, StridedLayout.ParallelGrain / Math.Max(1, work)), (begin, end) =>
        {
            for (long p = begin; p < end; p++)
            {
                int n = (int)(p / g.Channels), c = (int)(p % g.Channels);
                long channelColumns = columnsOffset + c * g.KernelVolume * rowLength + (long)n * g.OutputVolume;
                WalkPlane(g, transfer, imageOffset + (int)p * g.InputVolume, channelColumns, rowLength, 0, g.OutputRows, ImageSteps.One);
            }
        });
    }

    /// <summary>
    /// The planes of <paramref name="images"/> images, channel by channel, each tap's runs moved for all the images in
    /// one block (<see cref="ImageSteps"/>): the images' columns of one channel's K rows lie side by side, so each row of
    /// a tile of several images is written (or, by col2im, read) in one sweep while those K rows stay in L1. Image by
    /// image, the walk jumped across the whole tile (3.2 MB at VGG-11's 4×4 maps, 11 images of 512 channels) for each
    /// 64-byte run of 16 positions, and col2im there took 30% of the adjoint's samples (docs/performance.md, "im2col
    /// and col2im over a tile's images (branch vgg21, issue #21)"). Each pixel still receives its taps in the same
    /// order, so the result is bitwise the same as image by image.
    /// </summary>
    private static void WalkImages<TTransfer>(ConvGeometry g, TTransfer transfer, int imageOffset, int images, int columnsOffset, int first, int end, int rowStride)
        where TTransfer : struct, IBlockTransfer
    {
        int positions = (end - first) * g.Output[2];
        if (rowStride < (long)images * positions)
            throw new ArgumentException($"Im2Col: a column row stride of {rowStride} is shorter than the tile's {images} × {positions} positions.");
        var steps = new ImageSteps(images, g.Channels * g.InputVolume, positions);
        for (int c = 0; c < g.Channels; c++)
            WalkPlane(g, transfer, imageOffset + c * g.InputVolume, columnsOffset + (long)c * g.KernelVolume * rowStride, rowStride, first, end, steps);
    }

    /// <summary>
    /// One channel plane (of each of <paramref name="images"/>): for every tap, the output rows in [first, end) whose
    /// tap lands inside the image. Column row (tap k) starts at <paramref name="channelColumns"/> +
    /// k·<paramref name="rowLength"/>, and output row r at (r − first)·W within it.
    /// </summary>
    private static void WalkPlane<TTransfer>(ConvGeometry g, TTransfer transfer, int plane, long channelColumns, long rowLength, int first, int end, ImageSteps images)
        where TTransfer : struct, IBlockTransfer
    {
        int[] input = g.Input, output = g.Output, kernel = g.Kernel;
        int firstDepth = first / output[1], endDepth = (end - 1) / output[1] + 1;
        int k = 0;
        for (int kd = 0; kd < kernel[0]; kd++)
            for (int kh = 0; kh < kernel[1]; kh++)
                for (int kw = 0; kw < kernel[2]; kw++, k++)
                {
                    var (d0, d1) = g.InsideOutputs(0, kd);
                    var (h0, h1) = g.InsideOutputs(1, kh);
                    var (w0, w1) = g.InsideOutputs(2, kw);
                    if (w0 >= w1) continue;
                    int tapRow = checked((int)(channelColumns + k * rowLength)) - first * output[2];
                    for (int od = Math.Max(d0, firstDepth); od < Math.Min(d1, endDepth); od++)
                    {
                        int row0 = od * output[1], oh0 = Math.Max(h0, first - row0), oh1 = Math.Min(h1, end - row0);
                        if (oh0 >= oh1) continue;
                        int pixel = plane + (g.InputPosition(0, od, kd) * input[1] + g.InputPosition(1, oh0, kh)) * input[2] + g.InputPosition(2, w0, kw);
                        int column = tapRow + (row0 + oh0) * output[2] + w0;
                        transfer.Block(pixel, g.Stride[1] * input[2], g.Stride[2], column, output[2], oh1 - oh0, w1 - w0, images);
                    }
                }
    }

    private readonly struct CopyToColumns<T>(T[] image, T[] columns) : IBlockTransfer where T : unmanaged
    {
        public void Block(int pixel, int pixelStep, int pixelStride, int column, int columnStep, int rows, int length, ImageSteps images)
        {
            CheckBlock(image.Length, pixel, pixelStep, pixelStride, columns.Length, column, columnStep, rows, length, images);
            ref T from = ref MemoryMarshal.GetArrayDataReference(image);
            ref T to = ref MemoryMarshal.GetArrayDataReference(columns);
            for (int n = 0; n < images.Count; n++, pixel += images.Pixel, column += images.Column)
                for (int r = 0, p = pixel, col = column; r < rows; r++, p += pixelStep, col += columnStep)
                    Gather(ref Unsafe.Add(ref from, p), pixelStride, ref Unsafe.Add(ref to, col), length);
        }
    }

    /// <summary>
    /// Copies into packed strips (<see cref="ImageRowsToStrips{T}"/>): a flat column index <c>row·rowStride + j</c> is
    /// taken apart into the row and position, and each run is cut where it crosses from one strip into the next.
    /// </summary>
    private readonly struct CopyToStrips<T>(T[] image, T[] data, GemmPackedB<T>[] strips, int groupRows, int rowStride)
        : IBlockTransfer where T : unmanaged, INumber<T>
    {
        public void Block(int pixel, int pixelStep, int pixelStride, int column, int columnStep, int rows, int length, ImageSteps images)
        {
            int row = column / rowStride, j0 = column % rowStride;
            var group = strips[row / groupRows];
            var (rowStart, stripStep) = group.RowLayout(row % groupRows);
            // The runs stay inside the row's positions and the image (CheckBlock), and a row's packed places increase
            // along it, so its first and last entries bound the rest.
            CheckBlock(image.Length, pixel, pixelStep, pixelStride, rowStride, j0, columnStep, rows, length, images);
            int jLast = j0 + (images.Count - 1) * images.Column + (rows - 1) * columnStep + length - 1;
            if (rowStart < 0 || rowStart + jLast / group.StripWidth * stripStep + jLast % group.StripWidth >= data.Length)
                throw new IndexOutOfRangeException($"Im2Col: a block of {rows}×{length} from position {j0} of row {row} falls outside the packed strips [{group.Rows}, {group.Columns}].");
            ref T from = ref MemoryMarshal.GetArrayDataReference(image);
            ref T to = ref MemoryMarshal.GetArrayDataReference(data);
            var layout = new StripRow(rowStart, stripStep, group.StripWidth);
            // Run r of image n starts at position j0 + n·images.Column + r·columnStep: its strip and place in the strip are
            // stepped along, not divided out per run.
            int stepStrips = columnStep / group.StripWidth, stepWithin = columnStep % group.StripWidth;
            for (int n = 0; n < images.Count; n++, pixel += images.Pixel, j0 += images.Column)
            {
                var (strip, within) = (j0 / group.StripWidth, j0 % group.StripWidth);
                for (int r = 0, p = pixel; r < rows; r++, p += pixelStep)
                {
                    layout.Move(ref to, strip, within, length, ref Unsafe.Add(ref from, p), pixelStride);
                    strip += stepStrips;
                    within += stepWithin;
                    if (within >= group.StripWidth) (strip, within) = (strip + 1, within - group.StripWidth);
                }
            }
        }
    }

    /// <summary>
    /// One row of packed strips: element j at <c>Start + (j / Width)·StripStep + j % Width</c> (<see cref="GemmPackedB{T}.RowLayout"/>),
    /// strips nr wide (B) or 6 (Aᵀ, <see cref="GemmPackedA{T}.OfTransposedStrips"/>).
    /// </summary>
    private readonly struct StripRow(int start, int stripStep, int width)
    {
        /// <summary>
        /// Elements [j, j + count) of the row, j = <paramref name="strip"/>·Width + <paramref name="within"/>, =
        /// source[i·sourceStride] for i &lt; count, strip by strip, each piece contiguous in the row.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Move<T>(ref T to, int strip, int within, int count, ref T source, int sourceStride) where T : unmanaged
        {
            int at = start + strip * stripStep + within;
            for (int done = 0; done < count; at += stripStep - within, within = 0)
            {
                int run = Math.Min(count - done, width - within);
                ref T target = ref Unsafe.Add(ref to, at);
                Gather(ref Unsafe.Add(ref source, done * sourceStride), sourceStride, ref target, run);
                done += run;
            }
        }
    }

    private readonly struct AddToImage<T>(T[] image, T[] columns) : IBlockTransfer where T : unmanaged, INumber<T>
    {
        public void Block(int pixel, int pixelStep, int pixelStride, int column, int columnStep, int rows, int length, ImageSteps images)
        {
            CheckBlock(image.Length, pixel, pixelStep, pixelStride, columns.Length, column, columnStep, rows, length, images);
            ref T to = ref MemoryMarshal.GetArrayDataReference(image);
            ref T from = ref MemoryMarshal.GetArrayDataReference(columns);
            for (int n = 0; n < images.Count; n++, pixel += images.Pixel, column += images.Column)
                for (int r = 0, p = pixel, col = column; r < rows; r++, p += pixelStep, col += columnStep)
                    if (pixelStride == 1) Add(ref Unsafe.Add(ref to, p), ref Unsafe.Add(ref from, col), length);
                    else
                        for (int i = 0; i < length; i++) Unsafe.Add(ref to, p + i * pixelStride) += Unsafe.Add(ref from, col + i);
        }
    }

    /// <summary>
    /// The transfers move runs through unchecked references (runs are short: 10 elements in LeNet-5's second layer,
    /// where a bounds-checked span copy per run cost more than the copying), so each block's first and last element
    /// in both buffers is checked here, once. Steps and strides are positive, so these bound every index in between.
    /// </summary>
    private static void CheckBlock(int imageLength, int pixel, int pixelStep, int pixelStride, int columnsLength, int column, int columnStep, int rows, int length,
        ImageSteps images)
    {
        long lastPixel = pixel + (long)(images.Count - 1) * images.Pixel + (long)(rows - 1) * pixelStep + (long)(length - 1) * pixelStride;
        long lastColumn = column + (long)(images.Count - 1) * images.Column + (long)(rows - 1) * columnStep + length - 1;
        if (pixel < 0 || column < 0 || lastPixel >= imageLength || lastColumn >= columnsLength)
            throw new IndexOutOfRangeException(
                $"Im2Col: a block of {rows}×{length} reaches pixel {lastPixel} of {imageLength} or column entry {lastColumn} of {columnsLength}.");
    }

    /// <summary>
    /// to[i] = from[i·stride] for i &lt; length: <see cref="Copy"/> at stride 1; at stride 2 (a strided convolution's
    /// runs: 1.8 M entries for ResNet-18's 7×7 stem, which copied them one by one) <see cref="EvenLanes"/>; otherwise
    /// element by element.
    /// <para>Into Aᵀ's strips of 6 positions (the transposed product, <see cref="StripRow"/>) a run is cut into pieces of
    /// at most 6, shorter than EvenLanes' 8 float32 lanes: float32 stride-2 im2col into Aᵀ is always element by element
    /// (float64, 2 lanes, keeps its vectors). Were it to matter, the fix is to gather the whole run into a temporary
    /// row and copy that into the strips; not measured (review of rn18o).</para>
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Gather<T>(ref T from, int stride, ref T to, int length) where T : unmanaged
    {
        if (stride == 1) Copy(ref from, ref to, length);
        else if (stride != 2 || !EvenLanes(ref from, ref to, length))
            for (int i = 0; i < length; i++) Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i * stride);
    }

    /// <summary>
    /// to[i] = from[2i] for i &lt; length in vectors, the last one overlapping the one before; false (nothing copied)
    /// where the run is shorter than a vector or the CPU has no shuffles. A vector of outputs i .. i + n − 1 loads
    /// from[2i ..] and from[2i + n − 1 ..], n elements each, and takes the even lanes of the first and the odd of the
    /// second, so no load reaches past from[2(i + n − 1)], the last element the run reads.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EvenLanes<T>(ref T from, ref T to, int length) where T : unmanaged
    {
        if (typeof(T) == typeof(float) && Avx2.IsSupported && length >= Vector256<float>.Count)
        {
            ref float source = ref Unsafe.As<T, float>(ref from);
            ref float target = ref Unsafe.As<T, float>(ref to);
            const int n = 8;
            for (int i = 0; ; i = Math.Min(i + n, length - n))
            {
                var low = Vector256.LoadUnsafe(ref source, (nuint)(2 * i));
                var high = Vector256.LoadUnsafe(ref source, (nuint)(2 * i + n - 1));
                // (l0 l2 h1 h3 | l4 l6 h5 h7), then the 64-bit pairs reordered: from[2i], from[2i + 2], … from[2i + 14].
                var pairs = Avx.Shuffle(low, high, 0b11_01_10_00).AsDouble();
                Avx2.Permute4x64(pairs, 0b11_01_10_00).AsSingle().StoreUnsafe(ref target, (nuint)i);
                if (i == length - n) return true;
            }
        }
        if (typeof(T) == typeof(double) && Sse2.IsSupported && length >= Vector128<double>.Count)
        {
            ref double source = ref Unsafe.As<T, double>(ref from);
            ref double target = ref Unsafe.As<T, double>(ref to);
            const int n = 2;
            for (int i = 0; ; i = Math.Min(i + n, length - n))
            {
                // (l0, h1): from[2i] and from[2i + 2].
                Sse2.Shuffle(Vector128.LoadUnsafe(ref source, (nuint)(2 * i)), Vector128.LoadUnsafe(ref source, (nuint)(2 * i + n - 1)), 0b10)
                    .StoreUnsafe(ref target, (nuint)i);
                if (i == length - n) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// to[i] = from[i] for i &lt; length: SIMD vectors, the last one overlapping the one before (a copy may repeat); a
    /// run shorter than a vector (a 7×7 map's rows, the pieces of a strip of 6) in 128-bit vectors the same way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Copy<T>(ref T from, ref T to, int length) where T : unmanaged
    {
        int lanes = Vector<T>.Count;
        if (length < lanes)
        {
            int half = Vector128<T>.Count;
            if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && length >= half)
            {
                for (int i = 0; i < length - half; i += half)
                    Vector128.LoadUnsafe(ref from, (nuint)i).StoreUnsafe(ref to, (nuint)i);
                Vector128.LoadUnsafe(ref from, (nuint)(length - half)).StoreUnsafe(ref to, (nuint)(length - half));
                return;
            }
            for (int i = 0; i < length; i++) Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
            return;
        }
        for (int i = 0; i < length - lanes; i += lanes)
            Vector.LoadUnsafe(ref from, (nuint)i).StoreUnsafe(ref to, (nuint)i);
        Vector.LoadUnsafe(ref from, (nuint)(length - lanes)).StoreUnsafe(ref to, (nuint)(length - lanes));
    }

    /// <summary>to[i] += from[i] for i &lt; length: SIMD vectors, then the remainder one by one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<T>(ref T to, ref T from, int length) where T : unmanaged, INumber<T>
    {
        int lanes = Vector<T>.Count, i = 0;
        for (; i <= length - lanes; i += lanes)
            (Vector.LoadUnsafe(ref to, (nuint)i) + Vector.LoadUnsafe(ref from, (nuint)i)).StoreUnsafe(ref to, (nuint)i);
        for (; i < length; i++) Unsafe.Add(ref to, i) += Unsafe.Add(ref from, i);
    }

    /// <summary>dst += src, a SIMD vector at a time.</summary>
    internal static void AddInto<T>(Span<T> dst, ReadOnlySpan<T> src) where T : unmanaged, INumber<T>
    {
        if (src.Length < dst.Length) throw new ArgumentException($"Im2Col: adding {src.Length} elements into {dst.Length}.");
        Add(ref MemoryMarshal.GetReference(dst), ref MemoryMarshal.GetReference(src), dst.Length);
    }
}
