using Sharpgrad.Kernels;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;
using Choice = Sharpgrad.Kernels.ConvAlgorithm.Choice;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// The direct kernels (<see cref="DirectConvolution"/>) on every SIMD path this CPU runs, not only the selected one
/// that <see cref="ConvKernelTests"/> forces: against the plain convolution, on shapes whose tiles end on one, two and
/// three vectors, whose channel blocks end on a repeated channel, with dilation, groups, 1-D and 3-D, and rows of whole
/// vectors (row-aligned tiles). Then the plan's sizes on ResNet-18's and VGG-11's layers, worked out by hand, and the
/// rule that picks the kernels by shape.
/// </summary>
public class DirectConvolutionTests
{
    private static readonly Case[] Cases =
    [
        new(2, 5, 13, [9, 11], [3, 3], Padding: 1),
        new(1, 3, 7, [23, 20], [3, 3], Padding: 1, Dilation: 2),
        new(3, 4, 8, [12, 12], [5, 5], Padding: 2, Groups: 2),
        new(2, 3, 6, [40], [3], Padding: 1),
        new(2, 2, 7, [5, 6, 7], [3, 3, 3], Padding: 1),
        new(1, 6, 6, [17, 31], [2, 4]),
        new(2, 1, 25, [1, 1], [3, 3], Padding: 1),
        // Rows of whole vectors (row-aligned tiles): 16 wide (one float32 vector on AVX-512, two float64 ones, two of
        // 256 bits), 32 wide, and 8 wide (one float64 vector on AVX-512); 7, 5 and 6 rows leave short last tiles.
        new(2, 5, 9, [7, 16], [3, 3], Padding: 1),
        new(1, 3, 7, [5, 32], [3, 3], Padding: 1),
        new(2, 4, 6, [6, 8], [3, 3], Padding: 1),
    ];

    /// <summary>Every case on every path this CPU runs (by name: the path enum is internal), both dtypes.</summary>
    public static TheoryData<int, string, DType> Runs()
    {
        var data = new TheoryData<int, string, DType>();
        for (int c = 0; c < Cases.Length; c++)
            foreach (var path in SimdPaths.Available)
                foreach (var dtype in new[] { DType.Float32, DType.Float64 })
                    data.Add(c, path.ToString(), dtype);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void EachPathMatchesThePlainConvolution(int index, string pathName, DType dtype)
    {
        var c = Cases[index];
        var path = Enum.Parse<SimdPath>(pathName);
        var gen = new Generator(300 + index);
        var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
        var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
        var b = ConvKernelTests.Normal(gen, c.OutChannels);
        var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.Batch * c.OutChannels * c.Output.Aggregate(1, (p, s) => p * s)]).Y;
        var plan = DirectConvPlan.TryCreate(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, dtype.ElementSize(), path)!;
        double[] actual = dtype == DType.Float32 ? Run(plan, x, w, b, expected.Length, v => (float)v) : Run(plan, x, w, b, expected.Length, v => v);
        ConvKernelTests.Close(expected, actual, dtype == DType.Float32 ? 2e-4 : 1e-10, $"{path} output");
    }

    /// <summary>The forward map on arrays of <typeparamref name="T"/>, written into an output full of NaN at an offset, so every output must be stored.</summary>
    private static double[] Run<T>(DirectConvPlan plan, double[] x, double[] w, double[] b, int outputs, Func<double, T> convert)
        where T : unmanaged, System.Numerics.INumber<T>
    {
        const int at = ConvKernelTests.GuardOffset;
        return ConvKernelTests.Guarded<T>(outputs, y => DirectConvolution.Forward(plan, ConvKernelTests.Offset(x, convert), at,
            ConvKernelTests.Offset(w, convert), at, ConvKernelTests.Offset(b, convert), at, y, at));
    }

    [Fact]
    public void TheCasesEndTilesOnOneTwoAndThreeVectors()
    {
        // On AVX-512, float32 (16 lanes, tiles of 4 vectors): the tails the kernel compiles a width for.
        var tails = Cases.Select(c => Plan(c, SimdPath.Vector512, sizeof(float))).Select(p => p.TileVectors(p.Tiles - 1)).ToHashSet();
        Assert.Superset(new HashSet<int> { 1, 2, 3 }, tails);
    }

    [Fact]
    public void ResNet18PlansHaveTheirWorkedOutSizes()
    {
        // 64 → 64, 3×3, padding 1 on 56×56, float32 on AVX-512: the buffer is 58×58; extended positions run from 0 to
        // 55·58 + 55, i.e. 3,246 of them, 203 vectors of 16, 51 tiles of 4 (the last of 3). Fill: 3,136 of the 3,248
        // lanes, times 64 of the 66 channels of 11 blocks of 6. The image (64·58² = 215,296 elements) outweighs the
        // weights (64·576 = 36,864), so chunks are ranges of tiles: a tile of all 11 blocks is 11·6·576·64 = 2,433,024
        // multiply-adds, over the 2²¹ of a chunk, so one tile per chunk.
        var c64 = Plan(new(1, 64, 64, [56, 56], [3, 3], Padding: 1), SimdPath.Vector512, sizeof(float));
        Assert.Equal([1, 58, 58], c64.Buffer);
        Assert.Equal(3246, c64.ExtendedLength);
        Assert.Equal(203, c64.ExtendedVectors);
        Assert.Equal(51, c64.Tiles);
        Assert.Equal(3136.0 / 3248 * 64 / 66, c64.Fill, 12);
        Assert.True(c64.TilesOutside);
        Assert.Equal((1, 11, 51), (c64.TilesPerChunk, c64.BlocksPerChunk, c64.ChunkCount));
        // 512 → 512 on 7×7: extended positions 6·9 + 7 = 61, 4 vectors, one tile; fill 49/64 · 512/516, under 0.8. The
        // weights (512·4,608) outweigh the image (512·81): chunks are ranges of blocks, one block (6·4,608·64 =
        // 1,769,472 multiply-adds, the most under 2²¹) each, 86 of them.
        var c512 = Plan(new(1, 512, 512, [7, 7], [3, 3], Padding: 1), SimdPath.Vector512, sizeof(float));
        Assert.Equal((61, 4, 1), (c512.ExtendedLength, c512.ExtendedVectors, c512.Tiles));
        Assert.Equal(49.0 / 64 * 512 / 516, c512.Fill, 12);
        Assert.False(c512.TilesOutside);
        Assert.Equal((1, 1, 86), (c512.TilesPerChunk, c512.BlocksPerChunk, c512.ChunkCount));
        // Stride 2 has no direct plan.
        Assert.Null(DirectConvPlan.TryCreate(ConvKernelTests.Geometry(new(1, 64, 128, [56, 56], [3, 3], Stride: 2, Padding: 1)), 1, 128, sizeof(float), SimdPath.Vector512));
    }

    [Fact]
    public void MapsWhoseRowsAreWholeVectorsTakeWholeRowsPerTile()
    {
        // VGG-11's 128 → 256 on 16×16, float32 on AVX-512: a row is one vector, a tile four rows, their vectors 18 apart
        // in the buffer; 4 tiles, and every lane an output (fill 256/258, the channel blocks' padding alone).
        var vgg = Plan(new(1, 128, 256, [16, 16], [3, 3], Padding: 1), SimdPath.Vector512, sizeof(float));
        Assert.True(vgg.RowAligned);
        Assert.Equal([0, 18, 36, 54], vgg.VectorOffsets);
        Assert.Equal((4, 4), (vgg.Tiles, vgg.TileVectors(3)));
        Assert.Equal(2 * 18 * 4, vgg.TileStart(2));
        Assert.Equal(256.0 / 258, vgg.Fill, 12);
        // 32 wide: two vectors per row, two rows per tile; 5 rows leave a last tile of one row (two vectors).
        var wide = Plan(new(1, 3, 7, [5, 32], [3, 3], Padding: 1), SimdPath.Vector512, sizeof(float));
        Assert.Equal([0, 16, 34, 50], wide.VectorOffsets);
        Assert.Equal((3, 2), (wide.Tiles, wide.TileVectors(2)));
        // Rows that are not whole vectors (ResNet-18's 56) keep the extended grid.
        Assert.False(Plan(new(1, 64, 64, [56, 56], [3, 3], Padding: 1), SimdPath.Vector512, sizeof(float)).RowAligned);
    }

    [Fact]
    public void ChunksCoverEachImageBlockAndTileOnce()
    {
        foreach (var c in Cases.Append(new(3, 64, 64, [56, 56], [3, 3], Padding: 1)).Append(new(2, 512, 512, [7, 7], [3, 3], Padding: 1)))
        {
            var plan = Plan(c, SimdPath.Vector512, sizeof(float));
            var seen = new int[c.Batch, c.Groups * plan.OcBlocks, plan.Tiles];
            for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
            {
                var (image, firstBlock, endBlock, firstTile, endTile) = plan.Chunk(chunk);
                for (int block = firstBlock; block < endBlock; block++)
                    for (int tile = firstTile; tile < endTile; tile++) seen[image, block, tile]++;
            }
            Assert.All(seen.Cast<int>(), count => Assert.Equal(1, count));
        }
    }

    [Fact]
    public void ByShapeTheDirectKernelsRunDeepWideMapsWithAFillOfFourFifthsOnAvx512()
    {
        bool avx512 = SimdPaths.Selected == SimdPath.Vector512;
        // ResNet-18's 3×3 stride-1 maps at batch 1 go to F(2×2, 3×3) (WinogradConvolutionTests); the same maps with a
        // 5×5 kernel, padding 2, keep the direct kernels: fill 56/60 = 0.93, 28/32 = 0.88 and 14/18 = 0.78 (too low).
        Assert.Equal(avx512, Algorithm(new(1, 64, 64, [56, 56], [5, 5], Padding: 2)).DirectForward);
        Assert.Equal(avx512, Algorithm(new(1, 128, 128, [28, 28], [5, 5], Padding: 2)).DirectForward);
        Assert.False(Algorithm(new(1, 256, 256, [14, 14], [5, 5], Padding: 2)).DirectForward);
        Assert.False(Algorithm(new(1, 64, 64, [56, 56], [3, 3], Padding: 1)).DirectForward);
        // The 512-channel 7×7 map at batch 1 has too few tiles for F(2×2, 3×3) and a fill of 7/9 = 0.78 for the direct
        // kernels: im2col + GEMM.
        var deep = Algorithm(new(1, 512, 512, [7, 7], [3, 3], Padding: 1));
        Assert.False(deep.DirectForward);
        Assert.False(deep.WinogradForward);
        // The adjoint is the flipped convolution's forward map: 128 → 64 channels at stride 1 on 28×28 (5×5).
        var adjoint = Algorithm(new(1, 64, 128, [28, 28], [5, 5], Padding: 2));
        Assert.Equal(avx512, adjoint.DirectAdjoint);
        // Under 256 taps (VGG-11's first layer: 3 channels · 9) the tiles are too short; 16 output channels or fewer
        // (fill 0.88, 1,600 taps) stay with the implicit kernels, and so does what their rule takes (64 → 64 at batch 8:
        // 147 KB of 3×3 weights in 8 chunks, dilated by 2 so that F(2×2, 3×3) does not take it); stride 2 and pointwise
        // maps have no direct plan.
        Assert.False(Algorithm(new(32, 3, 64, [64, 64], [3, 3], Padding: 1)).DirectForward);
        Assert.False(Algorithm(new(1, 64, 16, [32, 32], [5, 5], Padding: 2)).DirectForward);
        var eight = Algorithm(new(8, 64, 64, [56, 56], [3, 3], Padding: 2, Dilation: 2));
        Assert.False(eight.DirectForward);
        Assert.True(eight.ImplicitForward);
        Assert.False(Algorithm(new(1, 64, 128, [56, 56], [3, 3], Stride: 2, Padding: 1)).DirectForward);
        Assert.False(Algorithm(new(1, 64, 128, [28, 28], [1, 1])).DirectForward);
        // Forced, they run wherever a plan exists, on any CPU.
        using (ConvAlgorithm.Force(Choice.Direct))
        {
            var forced = Algorithm(new(1, 512, 512, [7, 7], [3, 3], Padding: 1));
            Assert.True(forced.DirectForward);
            Assert.True(forced.DirectAdjoint);
            Assert.False(forced.ImplicitForward);
            var strided = Algorithm(new(1, 64, 128, [56, 56], [3, 3], Stride: 2, Padding: 1));
            Assert.False(strided.DirectForward);
            Assert.False(strided.DirectAdjoint);
        }
    }

    [Fact]
    public void MapsWithoutChannelsHaveNoDirectPlan()
    {
        Assert.Null(DirectConvPlan.TryCreate(ConvKernelTests.Geometry(new(1, 0, 20, [8, 8], [3, 3], Padding: 1)), 1, 20, sizeof(float), SimdPath.Vector512));
        Assert.Null(DirectConvPlan.TryCreate(ConvKernelTests.Geometry(new(1, 20, 0, [8, 8], [3, 3], Padding: 1)), 1, 0, sizeof(float), SimdPath.Vector512));
    }

    [Fact]
    public void ABatchInSeveralPassesMatchesThePlainConvolution()
    {
        // Five images of 3·11·12 float32 (1,584 bytes padded), passes of 2: two full passes and one of a single image,
        // whose slack is zeroed after its one image rather than after two.
        var c = new Case(5, 3, 7, [9, 10], [3, 3], Padding: 1);
        var plan = DirectConvPlan.TryCreate(ConvKernelTests.Geometry(c), 1, 7, sizeof(float), SimdPaths.Selected, passBytes: 2 * 1584 + 100)!;
        Assert.Equal(2, plan.ImagesPerPass);
        CheckAgainstPlain(c, plan, 700);
    }

    [Fact]
    public void ManyChunksPerImageAreBitwiseTheSameOnOneOrManyThreads()
    {
        // 64 → 64 on 28×28 at batch 1: the image outweighs the weights, so the chunks are tiles of positions, several per image.
        var c = new Case(1, 64, 64, [28, 28], [3, 3], Padding: 1);
        var plan = DirectConvPlan.TryCreate(ConvKernelTests.Geometry(c), 1, 64, sizeof(float), SimdPaths.Selected)!;
        Assert.True(plan.ChunksPerImage > 1);
        var one = CheckAgainstPlain(c, plan, 800, threads: 1);
        foreach (int threads in new[] { 2, 3 }) Assert.Equal(one, CheckAgainstPlain(c, plan, 800, threads));
    }

    /// <summary>The case through the plan (float32) against the plain convolution; returns the output's values.</summary>
    private static double[] CheckAgainstPlain(Case c, DirectConvPlan plan, int seed, int threads = 1)
    {
        var gen = new Generator(seed);
        var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
        var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels / c.Groups, c.Kernel);
        var b = ConvKernelTests.Normal(gen, c.OutChannels);
        var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.Batch * c.OutChannels * c.Output.Aggregate(1, (p, s) => p * s)]).Y;
        using var scope = Threads.Use(threads);
        var actual = Run(plan, x, w, b, expected.Length, v => (float)v);
        ConvKernelTests.Close(expected, actual, 2e-4, $"output at {threads} threads");
        return actual;
    }

    private static ConvAlgorithm Algorithm(Case c) => new(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, sizeof(float), System.Numerics.Vector<float>.Count);

    private static DirectConvPlan Plan(Case c, SimdPath path, int elementSize)
        => DirectConvPlan.TryCreate(ConvKernelTests.Geometry(c), c.Groups, c.OutChannels, elementSize, path)!;
}
