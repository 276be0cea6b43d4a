using Sharpgrad.Backends.Cpu;
using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// How the forward cuts one image's output rows for the threads when the batch has fewer images than threads
/// (<see cref="GemmConvolution.RowPieces"/>): P pieces, the plan's tiles rounded up to a multiple of the thread count
/// but no more than the rows, piece p holding rows R·p/P up to R·(p + 1)/P, so never wider than a tile and differing by
/// at most one row. Expected cuts worked out by hand from the plan's tile.
/// </summary>
public class RowPiecesTests
{
    public static TheoryData<int, int, int, int[]> ResNet18Maps => new()
    {
        // (map side, channels, threads, the pieces' first rows then the end): the tile of a 7×7 or 14×14 map is the whole map.
        { 7, 512, 2, [0, 3, 7] },                  // 7·1/2 = 3.5 → 3
        { 14, 256, 2, [0, 7, 14] },
        { 14, 256, 4, [0, 3, 7, 10, 14] },         // 14/4 = 3.5 → 3, 42/4 = 10.5 → 10
        { 7, 512, 3, [0, 2, 4, 7] },               // 7/3 = 2.33 → 2, 14/3 = 4.67 → 4
        // 28×28 with 128 channels: tiles of 10 rows (256 columns at least: 10 rows of 28), 3 tiles → 4 pieces of 7 rows.
        { 28, 128, 2, [0, 7, 14, 21, 28] },
        // 56×56 with 64 channels: tiles of 5 rows, 12 tiles, already a multiple of 2 → 12 pieces at 56·p/12 = 14p/3,
        // rounded down: 4, 5, 5 rows repeated.
        { 56, 64, 2, [0, 4, 9, 14, 18, 23, 28, 32, 37, 42, 46, 51, 56] },
    };

    [Theory]
    [MemberData(nameof(ResNet18Maps))]
    public void OneImagesRowsAreCutIntoAMultipleOfTheThreadsOfPiecesDifferingByAtMostOneRow(int side, int channels, int threads, int[] bounds)
    {
        var c = new Case(1, channels, channels, [side, side], [3, 3], Padding: 1);
        var plan = new GemmConvPlan(ConvKernelTests.Geometry(c), 1, channels, sizeof(float));
        Assert.True(GemmConvolution.UsesRowPieces(plan, threads), $"{c}: {threads} threads should cut the image into row pieces");
        var pieces = GemmConvolution.RowPieces(plan, threads);
        Assert.Equal(bounds[..^1], pieces.Select(p => p.First));
        Assert.Equal(bounds[1..], pieces.Select(p => p.End));
        foreach (var p in pieces)
        {
            Assert.Equal((0, 1), (p.Image, p.Images));
            Assert.Equal((p.First * side, (p.End - p.First) * side), (p.At, p.Width));
            Assert.True(p.End - p.First <= plan.RowsPerTile, $"{c}: a piece of {p.End - p.First} rows is wider than the plan's tile of {plan.RowsPerTile}");
        }
    }

    /// <summary>
    /// Fewer pieces than threads would leave threads idle (each piece's product runs on one thread), so those take the
    /// plan's tiles with each product split across the threads: a 1-D convolution at batch 1 has one output row, a
    /// 7×7 map on 8 threads 7. Both have work enough for every thread, so only the piece count rules them out; 7×7 on 7
    /// threads gives 7 pieces and cuts. One thread, a batch with a chunk per thread, and several images per tile never cut.
    /// </summary>
    [Fact]
    public void FewerPiecesThanThreadsKeepThePlansTiles()
    {
        static bool Uses(Case c, int threads)
            => GemmConvolution.UsesRowPieces(new GemmConvPlan(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, sizeof(float)), threads);
        var oneD = new Case(1, 256, 256, [64], [3], Padding: 1);       // 256·768·64 = 12.6 M multiply-adds
        var map7 = new Case(1, 512, 512, [7, 7], [3, 3], Padding: 1);  // 512·4608·49 = 116 M
        Assert.False(Uses(oneD, 2));
        Assert.False(Uses(map7, 8));
        Assert.True(Uses(map7, 7));
        Assert.True(Uses(map7, 2));
        Assert.False(Uses(map7, 1));
        Assert.False(Uses(map7 with { Batch = 2 }, 2));
        Assert.False(Uses(new Case(4, 32, 64, [7, 7], [3, 3], Padding: 1), 8));   // 4 whole images per tile
    }

    /// <summary>
    /// Pieces of a pointwise convolution (its image read in place from the piece's first position) and of a 1×1 stride-2
    /// one (ResNet's downsample), batch 1, each with work enough for 3 threads (64·128·576 = 4.7 M and 128·128·196 = 3.2 M
    /// multiply-adds against 3 × Gemm.MinWorkPerThread = 3.1 M; the 3×3 cases are in <see cref="TransposedProductTests"/>).
    /// </summary>
    [Fact]
    public void PiecesOfOneByOneConvolutionsGiveThePlainConvolutionAndTheSameBitsAtAnyThreadCount()
        => PiecesGiveThePlainConvolutionAndTheSameBits(500,
            new Case(1, 128, 64, [24, 24], [1, 1]), new Case(1, 128, 128, [28, 28], [1, 1], Stride: 2));

    /// <summary>
    /// Pieces of a grouped, dilated convolution (groups 2, dilation 2), of a 7×7 stride-2 one with padding 3 (ResNet's
    /// stem shape on a smaller map), and of a 5×3 kernel with stride 2 on a 23×17 input (pieces of 11 output rows of 9,
    /// gathering even lanes). Their weights are past Gemm.InPlaceBytes per group in float32 and float64, so a call
    /// that holds none packed packs them once for its pieces.
    /// </summary>
    [Fact]
    public void PiecesOfGroupedDilatedAndStridedConvolutionsGiveThePlainConvolutionAndTheSameBitsAtAnyThreadCount()
        => PiecesGiveThePlainConvolutionAndTheSameBits(600,
            new Case(1, 32, 64, [20, 20], [3, 3], Padding: 2, Dilation: 2, Groups: 2),
            new Case(1, 3, 64, [56, 56], [7, 7], Stride: 2, Padding: 3),
            new Case(1, 64, 128, [23, 17], [5, 3], Stride: 2, Padding: 1));

    /// <summary>
    /// Each case, batch 1, float32 and float64, on 1, 2 and 3 threads (2 and 3 cut into pieces, checked), with the
    /// weights not yet packed, then packed by the call, then held packed: each call matches the plain float64
    /// convolution and gives the bits of the first call on one thread.
    /// </summary>
    private static void PiecesGiveThePlainConvolutionAndTheSameBits(int seed, params Case[] cases)
    {
        for (int index = 0; index < cases.Length; index++)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var c = cases[index];
                using var forced = ConvAlgorithm.Force(ConvAlgorithm.Choice.Gemm);   // by shape, a thin one runs on the implicit kernels
                var gen = new Generator(seed + index);
                var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
                var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
                var b = ConvKernelTests.Normal(gen, c.OutChannels);
                var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.OutChannels * c.Output.Aggregate(1, (p, s) => p * s)]).Y;
                var plan = CpuConvolutionPlans.Get(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, dtype).Algorithm.Gemm;
                double[]? firstBits = null;
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    Assert.True(threads == 1 || GemmConvolution.UsesRowPieces(plan, threads), $"{c} {dtype}: {threads} threads should cut the image into row pieces");
                    // Every case's group weights are past Gemm.InPlaceBytes (16 KB): the pieces share one pack per call.
                    Assert.True(threads == 1 || GemmConvolution.PacksWeightsForCall(plan, GemmConvolution.UsesRowPieces(plan, threads), dtype == DType.Float32 ? sizeof(float) : sizeof(double)),
                        $"{c} {dtype}: the pieces on {threads} threads should share weights packed once for the call");
                    using var scope = Threads.Use(threads);
                    TransposedProductTests.ThreeCallsMatch(c, dtype, x, w, b, expected, dtype == DType.Float32 ? 2e-4 : 1e-10, $"{c} {dtype}", threads, ref firstBits);
                }
            }
    }

    /// <summary>Each image of a batch (smaller than the thread count) is cut the same way, in image order.</summary>
    [Fact]
    public void EveryImageOfTheBatchIsCut()
    {
        var c = new Case(3, 256, 256, [14, 14], [3, 3], Padding: 1);
        var pieces = GemmConvolution.RowPieces(new GemmConvPlan(ConvKernelTests.Geometry(c), 1, 256, sizeof(float)), 4);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], pieces.Select(p => p.Image));
        Assert.Equal(3 * 196, pieces.Sum(p => p.Width));
    }
}
