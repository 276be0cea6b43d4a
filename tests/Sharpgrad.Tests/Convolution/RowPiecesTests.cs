using Sharpgrad.Kernels;
using Sharpgrad.NN;
using Case = Sharpgrad.Tests.Convolution.ConvKernelTests.Case;

namespace Sharpgrad.Tests.Convolution;

/// <summary>
/// How the forward cuts one image's output rows for the threads when the batch has fewer images than threads
/// (<see cref="GemmConvolution.RowPieces"/>): the plan's tiles rounded up to a multiple of the thread count, pieces of
/// equal rows, never wider than a tile, covering every row once. Expected cuts worked out by hand from the plan's tile.
/// </summary>
public class RowPiecesTests
{
    public static TheoryData<int, int, int, int[]> ResNet18Maps => new()
    {
        // (map side, channels, threads, the pieces' first rows then the end): the tile of a 7×7 or 14×14 map is the whole map.
        { 7, 512, 2, [0, 4, 7] },
        { 14, 256, 2, [0, 7, 14] },
        { 14, 256, 4, [0, 4, 8, 12, 14] },
        { 7, 512, 3, [0, 3, 6, 7] },
        // 28×28 with 128 channels: tiles of 10 rows (256 columns at least: 10 rows of 28), 3 tiles → 4 pieces of 7 rows.
        { 28, 128, 2, [0, 7, 14, 21, 28] },
        // 56×56 with 64 channels: tiles of 5 rows, 12 tiles (the last of 1 row), already a multiple of 2 → 5 rows each.
        { 56, 64, 2, [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 56] },
    };

    [Theory]
    [MemberData(nameof(ResNet18Maps))]
    public void OneImagesRowsAreCutIntoAMultipleOfTheThreadsOfEqualPieces(int side, int channels, int threads, int[] bounds)
    {
        var c = new Case(1, channels, channels, [side, side], [3, 3], Padding: 1);
        var plan = new GemmConvPlan(ConvKernelTests.Geometry(c), 1, channels, sizeof(float));
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
    /// Pieces of a pointwise convolution (its image read in place from the piece's first position) and of a 1×1 stride-2
    /// one (ResNet's downsample), batch 1, float32 and float64, on 1, 2 and 3 threads, with the weights not yet packed,
    /// then packed by the call, then held packed: each call matches the plain float64 convolution and gives the bits of
    /// the first call on one thread. (The 3×3 cases are in <see cref="TransposedProductTests"/>.)
    /// </summary>
    [Fact]
    public void PiecesOfOneByOneConvolutionsGiveThePlainConvolutionAndTheSameBitsAtAnyThreadCount()
    {
        var cases = new[] { new Case(1, 128, 64, [16, 16], [1, 1]), new Case(1, 128, 128, [28, 28], [1, 1], Stride: 2) };
        for (int index = 0; index < cases.Length; index++)
            foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            {
                var c = cases[index];
                var gen = new Generator(500 + index);
                var x = ConvKernelTests.Normal(gen, c.Batch, c.Channels, c.Input);
                var w = ConvKernelTests.Normal(gen, c.OutChannels, c.Channels, c.Kernel);
                var b = ConvKernelTests.Normal(gen, c.OutChannels);
                var expected = ConvKernelTests.Plain(c, x, w, b, new double[c.OutChannels * c.Output.Aggregate(1, (p, s) => p * s)]).Y;
                double[]? firstBits = null;
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    using var scope = Threads.Use(threads);
                    var xt = Tensor.FromArray(x, [c.Batch, c.Channels, .. c.Input]).To(dtype);
                    var wt = Tensor.FromArray(w, [c.OutChannels, c.Channels, .. c.Kernel]).To(dtype);
                    var bt = Tensor.FromArray(b, c.OutChannels).To(dtype);
                    using var noGrad = Autograd.NoGrad();
                    for (int call = 0; call < 3; call++)
                    {
                        var y = PackedConvWeightsTests.AfterDirtying(dtype, () => ConvKernelTests.Conv(c, xt, wt, bt)).ToDoubleArray();
                        string what = $"{c} {dtype}, call {call + 1}, {threads} thread(s)";
                        ConvKernelTests.Close(expected, y, dtype == DType.Float32 ? 2e-4 : 1e-10, what);
                        firstBits ??= y;
                        int differ = Enumerable.Range(0, y.Length).Count(i => y[i] != firstBits[i]);
                        Assert.True(differ == 0, $"{what}: {differ} of {y.Length} outputs differ from the bits of the first call on one thread");
                    }
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
