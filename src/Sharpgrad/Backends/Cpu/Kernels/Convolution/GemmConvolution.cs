using System.Numerics;
using System.Runtime.CompilerServices;

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
/// it was filled with. A pointwise convolution (1×1, stride 1, no padding) multiplies the image in place. Where an
/// image has few output positions, a tile holds several whole images side by side (<see cref="GemmConvPlan.ImagesPerTile"/>),
/// so one product packs the weights for all of them; their [O, images·L] block of outputs then goes through a scratch
/// matrix, scattered into (or gathered from) the images' NCHW planes.
/// </summary>
/// <remarks>
/// Determinism: images are independent in <see cref="Forward"/> and <see cref="Adjoint"/>, so splitting them
/// between threads changes nothing; <see cref="WeightGradient"/> sums each chunk of images into its own partial sum
/// (images and tiles in order) and adds the partial sums in chunk order, and chunks depend on the problem alone.
/// </remarks>
internal static class GemmConvolution
{
    /// <summary>
    /// y[n, o] = bias[o] + Σ W[o, ·]·cols(x[n]) for x [N, C, input...] and y [N, O, output...], both dense; with
    /// <paramref name="packed"/> (W packed ahead, <see cref="PackedConvWeights{T}"/>) W itself is not read. A pack made
    /// for this call alone takes its arrays from <paramref name="lender"/> where given.
    /// </summary>
    public static void Forward<T>(GemmConvPlan plan, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset,
        PackedConvWeights<T>? packed = null, ArrayLender<T>? lender = null)
        where T : unmanaged, INumber<T>
    {
        int rows = plan.GroupRows, outRows = plan.GroupOutChannels;
        if (packed is not null && !packed.Fits(plan, wOffset))
            throw new ArgumentException($"Convolution: weights packed as {packed.GroupOutChannels} x {packed.GroupRows} blocks from offset {packed.Offset} (transposed: {packed.Transposed}, expected W, not Wᵀ; as the right operand: {packed.AsRightOperand}, expected {plan.TransposedProduct}) do not fit a plan of {plan.Groups} groups of {outRows} x {rows} from offset {wOffset}.");
        int threads = ThreadCount.Effective;
        bool pieces = UsesRowPieces(plan, threads);
        var perCall = packed is null && PacksWeightsForCall(plan, pieces, Unsafe.SizeOf<T>()) ? new PackedConvWeights<T>(plan, w, wOffset, lender?.Rent) : null;
        packed ??= perCall;
        EachForwardTile<T>(plan, pieces, threads, (tile, scratch) =>
        {
            if (packed is not null && plan.TransposedProduct)
            {
                TransposedProduct(plan, x, xOffset, packed, bias, biasOffset, y, yOffset, tile, scratch);
                return;
            }
            var outputs = Outputs(plan, y, yOffset, tile, scratch.Outputs, gather: false);
            if (bias is not null) FillRows(outputs, plan.OutChannels, tile.Width, bias, biasOffset);
            if (packed is not null && !plan.Pointwise)
            {
                // Both operands packed: the weights ahead, the columns by im2col itself (no column matrix to re-pack).
                var strips = Strips(plan, x, xOffset, tile, scratch.Columns, packed.Group(0).Path, transposed: false);
                for (int group = 0; group < plan.Groups; group++)
                    Gemm.Multiply(packed.Group(group), strips[group], outputs.Data, outputs.Offset + group * outRows * outputs.RowStride,
                        outputs.RowStride, accumulate: bias is not null);
                if (tile.Images > 1) MoveOutputs(plan, tile, outputs.Data, y, yOffset, toImages: true);
                return;
            }
            var columns = Columns(plan, x, xOffset, tile, scratch.Columns);
            for (int group = 0; group < plan.Groups; group++)
            {
                var groupColumns = columns with { Offset = columns.Offset + group * rows * columns.RowStride };
                int at = outputs.Offset + group * outRows * outputs.RowStride;
                if (packed is not null)
                    Gemm.Multiply(packed.Group(group), tile.Width, groupColumns, outputs.Data, at, outputs.RowStride, accumulate: bias is not null);
                else
                    Gemm.Multiply(outRows, tile.Width, rows, new Gemm.Operand<T>(w, wOffset + group * outRows * rows, rows, 1), groupColumns,
                        outputs.Data, at, outputs.RowStride, accumulate: bias is not null);
            }
            if (tile.Images > 1) MoveOutputs(plan, tile, outputs.Data, y, yOffset, toImages: true);
        });
        if (lender is not null) perCall?.Release(lender.Return);   // the threads have joined: no product reads it any more
    }

    /// <summary>
    /// Whether a forward not given packed weights packs them for the call: where the plan's tiles share them
    /// (<see cref="GemmConvPlan.PacksWeightsOnce"/>), and where the call cuts into row pieces (<paramref name="pieces"/>)
    /// and a group's weights are past <see cref="Gemm.InPlaceBytes"/>. A batch-1 plan has one tile per image and packs
    /// nothing ahead, but each piece's product would pack all of W itself (9.4 MB at 512 channels, once per piece).
    /// Packing moves no addition: the same bits.
    /// </summary>
    internal static bool PacksWeightsForCall(GemmConvPlan plan, bool pieces, int elementSize)
        => plan.PacksWeightsOnce || pieces && (long)plan.GroupOutChannels * plan.GroupRows * elementSize > Gemm.InPlaceBytes;

    /// <summary>
    /// One tile as the transposed product (<see cref="GemmConvPlan.TransposedProduct"/>): yᵀ [width, O] = colsᵀ·Wᵀ, colsᵀ
    /// written by im2col straight into the left operand's packed strips of 6 positions, Wᵀ packed ahead as the right
    /// operand, the product run onto the bias in a scratch matrix and then moved into the images' NCHW planes. Each
    /// output is the same chain of multiply-adds as in W·cols (the bias, then each depth block's sum in order), so the
    /// bits are those of the other orientation.
    /// </summary>
    private static void TransposedProduct<T>(GemmConvPlan plan, T[] x, int xOffset, PackedConvWeights<T> packed, T[]? bias, int biasOffset,
        T[] y, int yOffset, ColumnTile tile, TileScratch<T> scratch) where T : unmanaged, INumber<T>
    {
        int outChannels = plan.OutChannels, outRows = plan.GroupOutChannels, lOut = plan.Geometry.OutputVolume;
        var strips = Strips(plan, x, xOffset, tile, scratch.Columns, packed.RightGroup(0).Path, transposed: true);
        var product = scratch.Outputs.Get(tile.Width * outChannels);   // yᵀ [width, O]
        if (bias is not null)
            for (int j = 0; j < tile.Width; j++) bias.AsSpan(biasOffset, outChannels).CopyTo(product.AsSpan(j * outChannels));
        for (int group = 0; group < plan.Groups; group++)
            Gemm.Multiply(GemmPackedA<T>.OfTransposedStrips(strips[group]), packed.RightGroup(group), product, group * outRows, outChannels,
                accumulate: bias is not null);
        int positions = tile.Width / tile.Images;
        for (int i = 0; i < tile.Images; i++)
            MatrixTranspose.Copy(product, i * positions * outChannels, outChannels, positions, outChannels,
                y, yOffset + (tile.Image + i) * outChannels * lOut + tile.At, lOut);
    }

    /// <summary>
    /// x[n, c] = bias[c] + col2im(Wᵀ·y[n]) for y [N, O, output...] and x [N, C, input...], both dense: the adjoint
    /// of <see cref="Forward"/> in x. Wᵀ, when packed for the call, takes its arrays from <paramref name="lender"/> where given.
    /// </summary>
    public static void Adjoint<T>(GemmConvPlan plan, T[] y, int yOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] x, int xOffset,
        ArrayLender<T>? lender = null)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int rows = plan.GroupRows, outRows = plan.GroupOutChannels, lIn = g.InputVolume;
        var packedT = plan.PacksWeightsOnce ? PackedConvWeights<T>.ForAdjoint(plan, w, wOffset, lender?.Rent) : null;
        EachTile<T>(plan, (tile, scratch) =>
        {
            if (tile.First == 0)
                for (int i = 0; i < tile.Images; i++)
                {
                    int image = xOffset + (tile.Image + i) * g.Channels * lIn;
                    if (bias is not null) FillPlanes(x, image, g.Channels, lIn, bias, biasOffset);
                    else x.AsSpan(image, g.Channels * lIn).Clear();
                }
            var outputs = Outputs(plan, y, yOffset, tile, scratch.Outputs, gather: true);
            // Wᵀ·y: a pointwise convolution's columns are the image itself, so the product adds onto it directly.
            var columns = plan.Pointwise ? null : scratch.Columns.Get(g.Rows * tile.Width);
            for (int group = 0; group < plan.Groups; group++)
            {
                var groupOutputs = outputs with { Offset = outputs.Offset + group * outRows * outputs.RowStride };  // [O/G, width]
                if (columns is null)
                    MultiplyTransposed(group, tile.Width, groupOutputs, x, xOffset + tile.Image * g.Channels * lIn + group * rows * lIn + tile.At, lIn, accumulate: true);
                else
                    MultiplyTransposed(group, tile.Width, groupOutputs, columns, group * rows * tile.Width, tile.Width, accumulate: false);
            }
            if (columns is null) return;
            Im2Col.ColumnsToImageRows(columns, 0, g, tile.First, tile.End, x, xOffset + tile.Image * g.Channels * lIn, tile.Images, tile.Width);
        });
        if (lender is not null) packedT?.Release(lender.Return);

        // c = Wᵀ·b for group `group`'s Wᵀ [(C/G)·K, O/G], packed once for the call or read from W.
        void MultiplyTransposed(int group, int width, Gemm.Operand<T> b, T[] c, int cOffset, int ldc, bool accumulate)
        {
            if (packedT is not null) Gemm.Multiply(packedT.Group(group), width, b, c, cOffset, ldc, accumulate);
            else Gemm.Multiply(rows, width, outRows, new Gemm.Operand<T>(w, wOffset + group * outRows * rows, 1, rows), b, c, cOffset, ldc, accumulate);
        }
    }

    /// <summary>
    /// ∇W[o, ·] = Σₙ y[n, o]·cols(x[n])ᵀ for x [N, C, input...] and y [N, O, output...], both dense, into
    /// <paramref name="gradient"/> [O, (C/G)·K] (overwritten).
    /// </summary>
    public static void WeightGradient<T>(GemmConvPlan plan, T[] x, int xOffset, T[] y, int yOffset, T[] gradient, int gradientOffset)
        where T : unmanaged, INumber<T>
    {
        int rows = plan.GroupRows, outRows = plan.GroupOutChannels, size = plan.OutChannels * rows;
        plan.WeightGradientChunks.Sum(gradient, gradientOffset, size, (chunk, target, at0) =>
        {
            var scratch = TileScratch<T>.Rent();
            foreach (var tile in Tiles(plan, plan.WeightGradientChunks, chunk))
            {
                var columns = Columns(plan, x, xOffset, tile, scratch.Columns);
                var outputs = Outputs(plan, y, yOffset, tile, scratch.Outputs, gather: true);
                for (int group = 0; group < plan.Groups; group++)
                    Gemm.Multiply(outRows, rows, tile.Width,
                        outputs with { Offset = outputs.Offset + group * outRows * outputs.RowStride },             // [O/G, width]
                        new Gemm.Operand<T>(columns.Data, columns.Offset + group * rows * columns.RowStride,
                            columns.ColStride, columns.RowStride),                                           // colsᵀ [width, (C/G)·K]
                        target, at0 + group * outRows * rows, rows, accumulate: true);
            }
            scratch.Return();
        });
    }

    /// <summary>
    /// A tile of the batch's column matrix: output rows [First, End) of the images [Image, Image + Images) side by
    /// side (several whole images, or a block of rows of one), <c>At</c> the first output position within an image and
    /// <c>Width</c> the tile's columns in all.
    /// </summary>
    internal readonly record struct ColumnTile(int Image, int Images, int First, int End, int At, int Width);

    /// <summary>The two scratch buffers of a tile: its column matrix, and its block of outputs when it holds several images.</summary>
    private readonly record struct TileScratch<T>(ConvScratch<T> Columns, ConvScratch<T> Outputs) where T : unmanaged
    {
        public static TileScratch<T> Rent() => new(ConvScratch<T>.Rent(), ConvScratch<T>.Rent());

        /// <summary>In the reverse order of <see cref="Rent"/>: the pool gives back the newest first, so each buffer keeps its role (and its size).</summary>
        public void Return()
        {
            ConvScratch<T>.Return(Outputs);
            ConvScratch<T>.Return(Columns);
        }
    }

    /// <summary>Runs <paramref name="body"/> for every tile, chunk by chunk on the threads, each chunk with rented scratch.</summary>
    private static void EachTile<T>(GemmConvPlan plan, Action<ColumnTile, TileScratch<T>> body) where T : unmanaged
        => ParallelRange.ForChunks(plan.Chunks.Count, chunk =>
        {
            var scratch = TileScratch<T>.Rent();
            foreach (var tile in Tiles(plan, plan.Chunks, chunk)) body(tile, scratch);
            // Not returned if an exception escapes: the pool then allocates a new one, which is all that is lost.
            scratch.Return();
        });

    /// <summary>
    /// The forward's tiles on the threads: as <see cref="EachTile{T}"/>, or, where <paramref name="pieces"/>
    /// (<see cref="UsesRowPieces"/>: batch 1 inference at 2 threads), each image's output rows cut into pieces
    /// (<see cref="RowPieces"/>) dealt to the threads, each piece's im2col and product on its own thread. Cut only inside
    /// the GEMM, im2col ran on one thread while the others waited for the product it feeds (15% of ResNet-18's batch-1
    /// forward, docs/performance.md, branch rn18o), and every tile paid a fork and a join; now a convolution pays one
    /// (ResNet-18 at batch 1 on 2 threads: 34 → 25 ms under real-time scheduling, docs/performance.md, "Two-thread
    /// inference: batch-1 convolutions cut into row pieces, GEMM cut along columns where n ≥ 2m (branch inf22, issue
    /// #21)"). The worker pool gives each thread the same pieces every call (its home block), so a convolution reads the
    /// rows its thread wrote in the one before; that matters whenever the host places the two vCPUs apart
    /// ("Two-thread slow windows"). Which thread computes an
    /// output, and how wide its piece is, changes no bit: each output is the same chain of multiply-adds
    /// (<see cref="Gemm"/>'s determinism note). The adjoint cannot cut so: col2im of neighbouring rows adds onto the
    /// same input pixels.
    /// </summary>
    private static void EachForwardTile<T>(GemmConvPlan plan, bool pieces, int threads, Action<ColumnTile, TileScratch<T>> body) where T : unmanaged, INumber<T>
    {
        if (!pieces)
        {
            EachTile(plan, body);
            return;
        }
        var rowPieces = RowPieces(plan, threads);
        ParallelRange.ForChunks(rowPieces.Count, piece =>
        {
            var scratch = TileScratch<T>.Rent();
            // The piece's product on this thread alone: cut again into per-thread parts run one after the other, it
            // would stream the packed weights through the cache once per part.
            ThreadCount.RunAs(1, () => body(rowPieces[piece], scratch));
            scratch.Return();
        });
    }

    /// <summary>
    /// Whether the forward on <paramref name="threads"/> threads cuts images into row pieces rather than running the
    /// plan's chunks: where the batch has fewer chunks than threads, one image per tile, enough work for every thread
    /// (<see cref="Gemm.MinWorkPerThread"/>), and at least one piece per thread. With fewer pieces than threads (a 1-D
    /// convolution has one output row; a 7×7 map on 8 threads gives 7 pieces) the pieces, each on one thread, would
    /// leave threads idle that the plan's tiles, each product split across all threads, keep busy.
    /// </summary>
    internal static bool UsesRowPieces(GemmConvPlan plan, int threads)
    {
        if (threads == 1 || plan.Chunks.Count >= threads || plan.ImagesPerTile > 1) return false;
        long work = (long)plan.OutChannels * plan.GroupRows * plan.Geometry.OutputVolume * plan.Geometry.Batch;
        return work >= threads * Gemm.MinWorkPerThread && (long)plan.Geometry.Batch * PiecesPerImage(plan, threads) >= threads;
    }

    /// <summary>
    /// Pieces per image: the plan's tile count rounded up to a multiple of <paramref name="threads"/>, but no more than
    /// the image's output rows. So no piece is wider than the plan's tile (it stays in L2), and where the rows allow,
    /// every thread gets as many pieces.
    /// </summary>
    private static int PiecesPerImage(GemmConvPlan plan, int threads)
    {
        int rowsTotal = plan.Geometry.OutputRows;
        int tiles = (rowsTotal + plan.RowsPerTile - 1) / plan.RowsPerTile;
        return (int)Math.Min(rowsTotal, ((long)tiles + threads - 1) / threads * threads);
    }

    /// <summary>
    /// Each image's output rows cut into <see cref="PiecesPerImage"/> pieces P, piece p holding rows R·p/P up to
    /// R·(p + 1)/P of the image's R: the pieces differ by at most one row, so the threads' shares do too.
    /// </summary>
    internal static List<ColumnTile> RowPieces(GemmConvPlan plan, int threads)
    {
        int rowsTotal = plan.Geometry.OutputRows, rowWidth = plan.Geometry.Output[2];
        int count = PiecesPerImage(plan, threads);
        var pieces = new List<ColumnTile>();
        for (int image = 0; image < plan.Geometry.Batch; image++)
            for (int piece = 0; piece < count; piece++)
            {
                int first = (int)((long)rowsTotal * piece / count), last = (int)((long)rowsTotal * (piece + 1) / count);
                pieces.Add(new ColumnTile(image, 1, first, last, first * rowWidth, (last - first) * rowWidth));
            }
        return pieces;
    }

    /// <summary>The tiles of chunk <paramref name="chunk"/> of <paramref name="chunks"/>, images in order and each image's rows in order.</summary>
    private static IEnumerable<ColumnTile> Tiles(GemmConvPlan plan, ImageChunks chunks, int chunk)
    {
        var (begin, end) = chunks.Images(chunk);
        int rowsTotal = plan.Geometry.OutputRows, rowWidth = plan.Geometry.Output[2];
        for (int image = begin; image < end; image += plan.ImagesPerTile)
        {
            int images = Math.Min(plan.ImagesPerTile, end - image);
            for (int first = 0; first < rowsTotal; first += plan.RowsPerTile)
            {
                int last = Math.Min(rowsTotal, first + plan.RowsPerTile);
                yield return new ColumnTile(image, images, first, last, first * rowWidth, images * (last - first) * rowWidth);
            }
        }
    }

    /// <summary>
    /// The column matrix [C·K, width] of a tile: im2col of each of its images side by side into the scratch tile, or
    /// the image itself when the convolution is pointwise (a pointwise plan has one image per tile).
    /// </summary>
    private static Gemm.Operand<T> Columns<T>(GemmConvPlan plan, T[] x, int xOffset, ColumnTile tile, ConvScratch<T> scratch)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int image = xOffset + tile.Image * g.Channels * g.InputVolume;
        if (plan.Pointwise) return new Gemm.Operand<T>(x, image + tile.At, g.InputVolume, 1);
        var columns = scratch.Get(g.Rows * tile.Width);
        if (plan.ReadsPadding) columns.AsSpan(0, g.Rows * tile.Width).Clear();
        Im2Col.ImageRowsToColumns(x, image, tile.Images, g, tile.First, tile.End, columns, 0, tile.Width);
        return new Gemm.Operand<T>(columns, 0, tile.Width, 1);
    }

    /// <summary>
    /// The tile's column matrix as each group's right operand packed for the GEMM on <paramref name="path"/> (strips
    /// nr wide), or, <paramref name="transposed"/>, colsᵀ as the transposed product's left operand (strips of
    /// <see cref="GemmMicroKernel.Rows"/> positions, <see cref="GemmPackedA{T}.OfTransposedStrips"/>), written by im2col straight into the scratch
    /// (<see cref="Im2Col.ImageRowsToStrips{T}"/>), with zeros where entries read padding and, for B, in the last strip
    /// past the tile's columns (a partial strip of A is never read past its rows). It runs wherever the forward multiplies by weights packed
    /// ahead: at inference (weights kept packed by the caller) and in any call that packs them once for its tiles
    /// (<see cref="GemmConvPlan.PacksWeightsOnce"/>, training included). It saves the loop nest's second copy of every
    /// column tile (7% of ResNet-18's forward at batch 1), though the scattered copy into strips costs about what the two
    /// copies did (docs/performance.md, branch rn18b1).
    /// </summary>
    private static GemmPackedB<T>[] Strips<T>(GemmConvPlan plan, T[] x, int xOffset, ColumnTile tile, ConvScratch<T> scratch, SimdPath path, bool transposed)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int rows = plan.GroupRows, width = transposed ? GemmMicroKernel.Rows : GemmPackedB<T>.StripWidthOf(path), groupLength = GemmPackedB<T>.Length(rows, tile.Width, width);
        var data = scratch.Get(plan.Groups * groupLength);
        // The scratch holds an earlier tile's (or call's) values. Where entries read padding, the whole tile is cleared,
        // as the column-matrix tile is (Columns): im2col writing the zeros around each run instead measured no cheaper
        // (docs/performance.md, branch rn18b1). Otherwise only the last strip's padding past the tile's columns.
        if (plan.ReadsPadding) data.AsSpan(0, plan.Groups * groupLength).Clear();
        var strips = new GemmPackedB<T>[plan.Groups];
        for (int group = 0; group < plan.Groups; group++)
        {
            strips[group] = GemmPackedB<T>.Over(data, group * groupLength, rows, tile.Width, path, GemmBlocking.Default, width);
            if (!plan.ReadsPadding && !transposed) strips[group].ClearPastColumns();
        }
        Im2Col.ImageRowsToStrips(x, xOffset + tile.Image * g.Channels * g.InputVolume, tile.Images, g, tile.First, tile.End, data, strips, rows, 0, tile.Width);
        return strips;
    }

    /// <summary>
    /// The tile's block of outputs [O, width]: in place in the image's [O, L] plane when the tile is one image's, else
    /// a scratch matrix, filled from the images' planes when <paramref name="gather"/> (the backward reads it).
    /// </summary>
    private static Gemm.Operand<T> Outputs<T>(GemmConvPlan plan, T[] y, int yOffset, ColumnTile tile, ConvScratch<T> scratch, bool gather)
        where T : unmanaged
    {
        int lOut = plan.Geometry.OutputVolume;
        if (tile.Images == 1) return new Gemm.Operand<T>(y, yOffset + tile.Image * plan.OutChannels * lOut + tile.At, lOut, 1);
        var block = scratch.Get(plan.OutChannels * tile.Width);
        if (gather) MoveOutputs(plan, tile, block, y, yOffset, toImages: false);
        return new Gemm.Operand<T>(block, 0, tile.Width, 1);
    }

    /// <summary>Copies a tile of whole images' outputs between its block [O, images·L] and the images' NCHW planes.</summary>
    private static void MoveOutputs<T>(GemmConvPlan plan, ColumnTile tile, T[] block, T[] y, int yOffset, bool toImages) where T : unmanaged
    {
        int lOut = plan.Geometry.OutputVolume;
        for (int i = 0; i < tile.Images; i++)
            for (int o = 0; o < plan.OutChannels; o++)
            {
                var inBlock = block.AsSpan(o * tile.Width + i * lOut, lOut);
                var inImage = y.AsSpan(yOffset + ((tile.Image + i) * plan.OutChannels + o) * lOut, lOut);
                if (toImages) inBlock.CopyTo(inImage);
                else inImage.CopyTo(inBlock);
            }
    }

    /// <summary>row[c, ·] = values[c] for the first <paramref name="length"/> elements of each of <paramref name="channels"/> rows of a matrix.</summary>
    private static void FillRows<T>(Gemm.Operand<T> matrix, int channels, int length, T[] values, int valuesOffset) where T : unmanaged
    {
        for (int c = 0; c < channels; c++) matrix.Data.AsSpan(matrix.Offset + c * matrix.RowStride, length).Fill(values[valuesOffset + c]);
    }

    /// <summary>plane[c, ·] = values[c] for each of <paramref name="channels"/> planes of <paramref name="length"/> elements.</summary>
    private static void FillPlanes<T>(T[] planes, int offset, int channels, int length, T[] values, int valuesOffset) where T : unmanaged
        => FillRows(new Gemm.Operand<T>(planes, offset, length, 1), channels, length, values, valuesOffset);
}
