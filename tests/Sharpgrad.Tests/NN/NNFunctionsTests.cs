using Sharpgrad.NN;
using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.NN;

/// <summary>Issue #10's functions on hand-computed cases and closed forms, and their argument checks.</summary>
public class NNFunctionsTests
{
    [Fact]
    public void NormalizeSimilarityAndDistanceOnAThreeFourFiveTriangle()
    {
        var v = Tensor.From(new[,] { { 3.0, 4.0 }, { 0.0, 0.0 } });
        Close([0.6, 0.8, 0, 0], Functional.Normalize(v));                         // the zero row stays 0 (floor ε)
        Close([1, 0], Functional.CosineSimilarity(v, Tensor.From(new[,] { { 6.0, 8.0 }, { 1.0, 0.0 } })));
        Close([0], Functional.CosineSimilarity(Tensor.From(new[] { 1.0, 0 }), Tensor.From(new[] { 0.0, 2 }), dim: 0));
        Close([5], Functional.PairwiseDistance(Tensor.From(new[,] { { 0.0, 0.0 } }), Tensor.From(new[,] { { 3.0, 4.0 } }), eps: 0));
        Close([7], Functional.PairwiseDistance(Tensor.From(new[,] { { 0.0, 0.0 } }), Tensor.From(new[,] { { 3.0, 4.0 } }), p: 1, eps: 0));
    }

    [Fact]
    public void PixelShuffleMovesChannelBlocksIntoPixelsAndUnshuffleUndoesIt()
    {
        // Channels 0..3 of one input pixel become the 2×2 block [[0, 1], [2, 3]].
        var x = Tensor.Arange(0, 4, dtype: DType.Float64).View(1, 4, 1, 1);
        var y = Functional.PixelShuffle(x, 2);
        Shape([1, 1, 2, 2], y);
        Close([0, 1, 2, 3], y);
        var z = OpTable.OpTable.Normal(1, 2, 3, 4, 6);
        BitwiseEqual(z, Functional.PixelShuffle(Functional.PixelUnshuffle(z, 2), 2));
    }

    [Fact]
    public void AnIdentityAffineGridSamplesTheImageItself()
    {
        var image = OpTable.OpTable.Normal(2, 2, 3, 4, 5).Detach();
        var identity = Tensor.From(new[,] { { 1.0, 0, 0 }, { 0, 1, 0 } }).Unsqueeze(0).Expand(2, 2, 3);
        foreach (var align in new[] { false, true })
        {
            var grid = Functional.AffineGrid(identity, [2, 3, 4, 5], align);
            Close(image, Functional.GridSample(image, grid, alignCorners: align), 1e-14);
            Close(image, Functional.GridSample(image, grid, GridSampleMode.Nearest, alignCorners: align), 1e-14);
        }
        // Without aligned corners the pixel centres of a width-2 grid sit at ∓1/2.
        Close([-0.5, 0, 0.5, 0], Functional.AffineGrid(identity.Narrow(0, 0, 1), [1, 1, 1, 2]));
    }

    [Fact]
    public void BilinearSamplingAveragesTheFourNeighboursAndPaddingModesDecideOutside()
    {
        var image = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } }).View(1, 1, 2, 2);
        Tensor At(double x, double y, GridSamplePadding padding = GridSamplePadding.Zeros, bool align = true)
            => Functional.GridSample(image, Tensor.From(new[] { x, y }).View(1, 1, 1, 2), paddingMode: padding, alignCorners: align);
        Close([2.5], At(0, 0));                                       // the centre: the mean of all four
        Close([1.5], At(0, -1));                                      // halfway along the top edge
        Close([0.5], At(-2, -1));                                     // half a pixel left of pixel 1: half of it, half zero padding
        Close([1], At(-2, -1, GridSamplePadding.Border));             // clipped to the corner
        Close([2], At(-3, -1, GridSamplePadding.Reflection));
        Close([0], At(1e12, 0));                                      // far outside: zero padding, no integer overflow
        Close([4], At(1e12, 1e12, GridSamplePadding.Border));         // pixel x = −1 reflects to x = 1 (value 2)
    }

    [Fact]
    public void InstanceNormIsGroupNormWithOneGroupPerChannel()
    {
        var x = OpTable.OpTable.Normal(3, 2, 3, 4, 5).Detach();
        var w = OpTable.OpTable.Normal(4, 3).Detach();
        var b = OpTable.OpTable.Normal(5, 3).Detach();
        Close(Functional.GroupNorm(x, 3, w, b), Functional.InstanceNorm(x, weight: w, bias: b), 1e-13);
    }

    [Fact]
    public void TensorSoftplusIsTheExactFunctionAndFunctionalSoftplusCutsOffAtTheThreshold()
    {
        // ζ(25) − 25 = log1p(e⁻²⁵) ≈ 1.389e-11 for the mathematical softplus; torch.nn.functional.softplus returns 25 itself.
        var x = Tensor.Scalar(25, DType.Float64);
        Assert.Equal(Math.Log(1 + Math.Exp(-25)), (x.Softplus() - 25).Item(), 1e-14);
        Assert.Equal(0.0, (Functional.Softplus(x) - 25).Item());
        Assert.Equal(0.0, (Functional.Softplus(Tensor.Scalar(10.5, DType.Float64), beta: 2) - 10.5).Item());   // βx = 21 > 20
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var image = Tensor.Zeros([1, 4, 2, 3], DType.Float64);
        Assert.Contains("PixelShuffle: the channel count 4 (input shape [1, 4, 2, 3]) must be divisible by the square of the upscale factor, 9",
            Assert.Throws<ArgumentException>(() => Functional.PixelShuffle(image, 3)).Message);
        Assert.Contains("PixelUnshuffle: the spatial size 2×3 (input shape [1, 4, 2, 3]) must be divisible by the downscale factor 2",
            Assert.Throws<ArgumentException>(() => Functional.PixelUnshuffle(image, 2)).Message);
        Assert.Contains("AffineGrid: theta must have shape [1, 2, 3] for size [1, 1, 2, 2], got [1, 3, 3]",
            Assert.Throws<ArgumentException>(() => Functional.AffineGrid(Tensor.Zeros([1, 3, 3], DType.Float64), [1, 1, 2, 2])).Message);
        Assert.Contains("GridSample: grid must have shape [1, Ho, Wo, 2] for input of shape [1, 4, 2, 3], got [1, 2, 2, 3]",
            Assert.Throws<ArgumentException>(() => Functional.GridSample(image, Tensor.Zeros([1, 2, 2, 3], DType.Float64))).Message);
        Assert.Contains("GridSample: input and grid must share a dtype, got float64 and float32",
            Assert.Throws<ArgumentException>(() => Functional.GridSample(image, Tensor.Zeros([1, 2, 2, 2], DType.Float32))).Message);
        Assert.Contains("CosineSimilarity: shapes [2, 3] and [4] cannot be broadcast together",
            Assert.Throws<ArgumentException>(() => Functional.CosineSimilarity(Tensor.Zeros([2, 3], DType.Float64), Tensor.Zeros([4], DType.Float64))).Message);
        Assert.Contains("Normalize: input must be float32 or float64, got int64",
            Assert.Throws<ArgumentException>(() => Functional.Normalize(Tensor.From(new long[] { 1, 2 }), dim: 0)).Message);
        Assert.Contains("InstanceNorm: expected more than 1 spatial element per channel when using input statistics, got input of shape [2, 3, 1]",
            Assert.Throws<ArgumentException>(() => Functional.InstanceNorm(Tensor.Zeros([2, 3, 1], DType.Float64))).Message);
        Assert.Contains("InstanceNorm: weight must have shape [4] for input of shape [1, 4, 2, 3], got [3]",
            Assert.Throws<ArgumentException>(() => Functional.InstanceNorm(image, weight: Tensor.Zeros([3], DType.Float64))).Message);
        Assert.Contains("Linear(3 → 2): bias must have shape [2], got [3] (a single value, [1] or 0-d, also broadcasts)",
            Assert.Throws<ArgumentException>(() => Functional.Linear(Tensor.Zeros([1, 3], DType.Float64), Tensor.Zeros([2, 3], DType.Float64), Tensor.Zeros([3], DType.Float64))).Message);
    }
}
