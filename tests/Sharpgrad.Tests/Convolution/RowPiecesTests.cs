using Sharpgrad.Kernels;
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
