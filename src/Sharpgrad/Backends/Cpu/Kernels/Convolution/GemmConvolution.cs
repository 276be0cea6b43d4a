using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Convolution by im2col + GEMM one image at a time (Chellapilla et al. 2006; PyTorch's CPU convolution makes the
/// same trade): the three linear maps of a convolution with weight W [O, C/G, K...], read per group as a matrix
/// [O/G, (C/G)·K] (see <see cref="GemmConvPlan"/> for the sizes):
/// <list type="bullet">
/// <item><see cref="Forward"/>: y[n] = b + W·cols(x[n]).</item>
/// <item><see cref="Adjoint"/>: x[n] = b + col2im(Wᵀ·y[n]), the forward's input gradient and a transposed
/// convolution's output.</item>
/// <item><see cref="WeightGradient"/>: ∇W = Σₙ y[n]·cols(x[n])ᵀ, the weight gradient of both.</item>
/// </list>
/// An image's column matrix is built a tile of output rows at a time into a reused scratch tile that stays in L2
/// (the backward recomputes it rather than keeping the batch's: [C·K, N·L] is 5 MB for LeNet-5's first layer at batch
/// 64), and the GEMM writes each tile straight into the image's [O, L] plane of the NCHW output, on top of the bias
/// it was filled with. A pointwise convolution (1×1, stride 1, no padding) multiplies the image in place.
/// </summary>
/// <remarks>
/// Determinism: images are independent in <see cref="Forward"/> and <see cref="Adjoint"/>, so splitting them
/// between threads changes nothing; <see cref="WeightGradient"/> sums each chunk of images into its own partial sum
/// (images and tiles in order) and adds the partial sums in chunk order, and chunks depend on the problem alone.
/// </remarks>
internal static class GemmConvolution
{
    /// <summary>y[n, o] = bias[o] + Σ W[o, ·]·cols(x[n]) for x [N, C, input...] and y [N, O, output...], both dense.</summary>
    public static void Forward<T>(GemmConvPlan plan, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int rows = plan.GroupRows, outRows = plan.GroupOutChannels, lOut = g.OutputVolume;
        EachImage<T>(plan, (n, scratch) =>
        {
            int image = xOffset + n * g.Channels * g.InputVolume, output = yOffset + n * plan.OutChannels * lOut;
            if (bias is not null) FillPlanes(y, output, plan.OutChannels, lOut, bias, biasOffset);
            foreach (var (first, end, at, width) in Tiles(plan))
            {
                var columns = Columns(plan, x, image, first, end, scratch);
                for (int group = 0; group < plan.Groups; group++)
                    Gemm.Multiply(outRows, width, rows,
                        new Gemm.Operand<T>(w, wOffset + group * outRows * rows, rows, 1),
                        columns with { Offset = columns.Offset + group * rows * columns.RowStride },
                        y, output + group * outRows * lOut + at, lOut, accumulate: bias is not null);
            }
        });
    }

    /// <summary>
    /// x[n, c] = bias[c] + col2im(Wᵀ·y[n]) for y [N, O, output...] and x [N, C, input...], both dense: the adjoint
    /// of <see cref="Forward"/> in x.
    /// </summary>
    public static void Adjoint<T>(GemmConvPlan plan, T[] y, int yOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] x, int xOffset)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int rows = plan.GroupRows, outRows = plan.GroupOutChannels, lIn = g.InputVolume, lOut = g.OutputVolume;
        EachImage<T>(plan, (n, scratch) =>
        {
            int image = xOffset + n * g.Channels * lIn, output = yOffset + n * plan.OutChannels * lOut;
            if (bias is not null) FillPlanes(x, image, g.Channels, lIn, bias, biasOffset);
            else x.AsSpan(image, g.Channels * lIn).Clear();
            foreach (var (first, end, at, width) in Tiles(plan))
            {
                // Wᵀ·y: a pointwise convolution's columns are the image itself, so the product adds onto it directly.
                var tile = plan.Pointwise ? null : scratch.Get(g.Rows * width);
                for (int group = 0; group < plan.Groups; group++)
                {
                    var weightT = new Gemm.Operand<T>(w, wOffset + group * outRows * rows, 1, rows);          // [(C/G)·K, O/G]
                    var outputs = new Gemm.Operand<T>(y, output + group * outRows * lOut + at, lOut, 1);      // [O/G, width]
                    if (tile is null)
                        Gemm.Multiply(rows, width, outRows, weightT, outputs, x, image + group * rows * lIn + at, lIn, accumulate: true);
                    else
                        Gemm.Multiply(rows, width, outRows, weightT, outputs, tile, group * rows * width, width, accumulate: false);
                }
                if (tile is not null) Im2Col.ColumnsToImageRows(tile, 0, g, first, end, x, image);
            }
        });
    }

    /// <summary>
    /// ∇W[o, ·] = Σₙ y[n, o]·cols(x[n])ᵀ for x [N, C, input...] and y [N, O, output...], both dense, into
    /// <paramref name="gradient"/> [O, (C/G)·K] (overwritten).
    /// </summary>
    public static void WeightGradient<T>(GemmConvPlan plan, T[] x, int xOffset, T[] y, int yOffset, T[] gradient, int gradientOffset)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int rows = plan.GroupRows, outRows = plan.GroupOutChannels, lOut = g.OutputVolume, size = plan.OutChannels * rows;
        plan.Chunks.Sum(gradient, gradientOffset, size, (chunk, target, at0) =>
        {
            var scratch = ConvScratch<T>.Rent();
            var (begin, end) = plan.Chunks.Images(chunk);
            for (int n = begin; n < end; n++)
            {
                int image = xOffset + n * g.Channels * g.InputVolume, output = yOffset + n * plan.OutChannels * lOut;
                foreach (var (first, last, at, width) in Tiles(plan))
                {
                    var columns = Columns(plan, x, image, first, last, scratch);
                    for (int group = 0; group < plan.Groups; group++)
                        Gemm.Multiply(outRows, rows, width,
                            new Gemm.Operand<T>(y, output + group * outRows * lOut + at, lOut, 1),              // [O/G, width]
                            new Gemm.Operand<T>(columns.Data, columns.Offset + group * rows * columns.RowStride,
                                columns.ColStride, columns.RowStride),                                           // colsᵀ [width, (C/G)·K]
                            target, at0 + group * outRows * rows, rows, accumulate: true);
                }
            }
            ConvScratch<T>.Return(scratch);
        });
    }

    /// <summary>Runs <paramref name="body"/> for every image, chunk by chunk on the threads, each chunk with a rented scratch tile.</summary>
    private static void EachImage<T>(GemmConvPlan plan, Action<int, ConvScratch<T>> body) where T : unmanaged
        => ParallelRange.ForChunks(plan.Chunks.Count, chunk =>
        {
            var scratch = ConvScratch<T>.Rent();
            var (begin, end) = plan.Chunks.Images(chunk);
            for (int n = begin; n < end; n++) body(n, scratch);
            // Not returned if an exception escapes: the pool then allocates a new one, which is all that is lost.
            ConvScratch<T>.Return(scratch);
        });

    /// <summary>The tiles of output rows [First, End): their first output position <c>At</c> and their <c>Width</c> in positions.</summary>
    private static IEnumerable<(int First, int End, int At, int Width)> Tiles(GemmConvPlan plan)
    {
        int rowsTotal = plan.Geometry.OutputRows, rowWidth = plan.Geometry.Output[2];
        for (int first = 0; first < rowsTotal; first += plan.RowsPerTile)
        {
            int end = Math.Min(rowsTotal, first + plan.RowsPerTile);
            yield return (first, end, first * rowWidth, (end - first) * rowWidth);
        }
    }

    /// <summary>
    /// The column matrix [C·K, width] of output rows [first, end) of the image at <paramref name="image"/>: im2col into
    /// the scratch tile, or the image itself when the convolution is pointwise.
    /// </summary>
    private static Gemm.Operand<T> Columns<T>(GemmConvPlan plan, T[] x, int image, int first, int end, ConvScratch<T> scratch)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int width = (end - first) * g.Output[2];
        if (plan.Pointwise) return new Gemm.Operand<T>(x, image + first * g.Output[2], g.InputVolume, 1);
        var tile = scratch.Get(g.Rows * width);
        if (plan.ReadsPadding) tile.AsSpan(0, g.Rows * width).Clear();
        Im2Col.ImageRowsToColumns(x, image, g, first, end, tile, 0);
        return new Gemm.Operand<T>(tile, 0, width, 1);
    }

    /// <summary>plane[c, ·] = values[c] for each of <paramref name="channels"/> planes of <paramref name="length"/> elements.</summary>
    private static void FillPlanes<T>(T[] planes, int offset, int channels, int length, T[] values, int valuesOffset) where T : unmanaged
    {
        for (int c = 0; c < channels; c++) planes.AsSpan(offset + c * length, length).Fill(values[valuesOffset + c]);
    }
}
