using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Pooling;

/// <summary>Pooling layers (GBC §9.3): values worked out by hand, switches and unpooling, gradient checks and errors.</summary>
public class PoolTests
{
    /// <summary>[1, 1, 4, 4] holding 0 … 15 row by row.</summary>
    private static Tensor Grid() => Tensor.Arange(0, 16, 1, DType.Float64).Reshape(1, 1, 4, 4);

    [Fact]
    public void MaxAndAveragePoolingOfAKnownGrid()
    {
        // Rows 0 1 2 3 / 4 5 6 7 / 8 9 10 11 / 12 13 14 15: each 2×2 block's max is its bottom-right entry,
        // its mean the average of its four entries.
        Assert.Equal(new double[] { 5, 7, 13, 15 }, new MaxPool2d(2).Forward(Grid()).ToArray<double>());
        Assert.Equal(new double[] { 2.5, 4.5, 10.5, 12.5 }, new AvgPool2d(2).Forward(Grid()).ToArray<double>());
        // Overlapping windows (3×3, stride 1): maxima are the bottom-right corners 10, 11, 14, 15.
        Assert.Equal(new double[] { 10, 11, 14, 15 }, new MaxPool2d(3, stride: 1).Forward(Grid()).ToArray<double>());
        // Global average = mean of 0 … 15.
        Assert.Equal([1, 1], new GlobalAvgPool().Forward(Grid()).Shape);
        Assert.Equal(7.5, new GlobalAvgPool().Forward(Grid()).Item());
        Assert.Equal([1, 1, 1, 1], new GlobalAvgPool(keepDims: true).Forward(Grid()).Shape);
    }

    [Fact]
    public void PaddingCountsOrNotInTheAverage()
    {
        // 3×3 windows at stride 2 with padding 1 on the 4×4 grid. The top-left window covers rows/cols −1…1, i.e.
        // the real entries 0, 1, 4, 5 (sum 10): divided by 9 with padding counted, by 4 without.
        var x = Grid();
        Assert.Equal(10.0 / 9, new AvgPool2d(3, stride: 2, padding: 1).Forward(x)[0, 0, 0, 0].Item(), 12);
        Assert.Equal(10.0 / 4, new AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false).Forward(x)[0, 0, 0, 0].Item(), 12);
        Assert.Equal(10.0 / 2, new AvgPool2d(3, stride: 2, padding: 1, divisorOverride: 2).Forward(x)[0, 0, 0, 0].Item(), 12);
    }

    [Fact]
    public void CeilModeKeepsTheLastPartialWindow()
    {
        // 5 wide, window 2, stride 2: floor gives ⌊3/2⌋ + 1 = 2 outputs, ceil ⌈3/2⌉ + 1 = 3, the last window holding only column 4.
        var x = Tensor.Arange(0, 5, 1, DType.Float64).Reshape(1, 1, 5);
        Assert.Equal(new double[] { 1, 3 }, new MaxPool1d(2).Forward(x).ToArray<double>());
        Assert.Equal(new double[] { 1, 3, 4 }, new MaxPool1d(2, ceilMode: true).Forward(x).ToArray<double>());
        // A window that would start in the right padding is dropped: 4 wide, k 2, s 2, p 1 ⇒ 3 outputs, not 4.
        Assert.Equal([1, 1, 3], new MaxPool1d(2, padding: 1, ceilMode: true).Forward(Tensor.Zeros(1, 1, 4)).Shape);
    }

    [Fact]
    public void LPPoolWithPTwoIsTheL2NormOfEachWindow()
    {
        var x = Tensor.From(new double[] { 3, 4, 1, 2, 2, 1, 0, 5 }).Reshape(1, 1, 8);
        // L2 norms of the windows of 2: ‖(3, 4)‖ = 5, ‖(1, 2)‖ = √5, ‖(2, 1)‖ = √5, ‖(0, 5)‖ = 5.
        var y = new LPPool1d(2, 2).Forward(x).ToArray<double>();
        Approx.Equal(new[] { 5, Math.Sqrt(5), Math.Sqrt(5), 5 }, y);
        // p = 1 on non-negative inputs is sum pooling.
        Approx.Equal(new double[] { 7, 3, 3, 5 }, new LPPool1d(1, 2).Forward(x).ToArray<double>());
    }

    [Fact]
    public void AdaptivePoolingWindowsTileTheInput()
    {
        // 5 → 3: windows [0, 2), [1, 4), [3, 5) (⌊o·5/3⌋ to ⌈(o + 1)·5/3⌉).
        var x = Tensor.From(new double[] { 1, 2, 3, 4, 10 }).Reshape(1, 1, 5);
        Approx.Equal(new[] { 1.5, 3, 7 }, new AdaptiveAvgPool1d(3).Forward(x).ToArray<double>());
        var (max, indices) = new AdaptiveMaxPool1d(3).ForwardWithIndices(x);
        Assert.Equal(new double[] { 2, 4, 10 }, max.ToArray<double>());
        Assert.Equal(new long[] { 1, 3, 4 }, indices.ToArray<long>());
        // Output size 1 is global pooling.
        Assert.True(new AdaptiveAvgPool2d(1).Forward(Grid()).AllClose(new GlobalAvgPool(keepDims: true).Forward(Grid()), 1e-12, 1e-12));
    }

    [Fact]
    public void UnpoolingPutsEachMaximumBackAtItsSwitch()
    {
        var pool = new MaxPool2d(2);
        var (y, switches) = pool.ForwardWithIndices(Grid());
        Assert.Equal(new long[] { 5, 7, 13, 15 }, switches.ToArray<long>());
        var restored = new MaxUnpool2d(2).Forward(y, switches);
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 5, 0, 7, 0, 0, 0, 0, 0, 13, 0, 15 }, restored.ToArray<double>());
        // An ordinary module with three inputs: hooks see (input, indices, outputSize).
        var unpool = new MaxUnpool2d(2);
        object? seen = null;
        unpool.RegisterForwardPreHook((_, input) => seen = input);
        unpool.Forward(y, switches);
        Assert.Equal(2, TensorTree.Flatten(seen).Count());
    }

    [Fact]
    public void MaxPoolGradientGoesToTheMaximumOnly()
    {
        var x = Grid().RequireGrad();
        new MaxPool2d(2).Forward(x).Sum().Backward();
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1 }, x.Grad!.ToArray<double>());
        // Overlapping windows that share a maximum send it the gradient of each.
        var z = Grid().RequireGrad();
        new MaxPool2d(3, stride: 1).Forward(z).Sum().Backward();
        Assert.Equal(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1 }, z.Grad!.ToArray<double>());
    }

    [Fact]
    public void PoolingLayersPassGradientChecks()
    {
        var x = Rand.Normal(1, 2, 2, 5, 6);
        ModuleGradCheck.Assert(new MaxPool2d(2), x);
        ModuleGradCheck.Assert(new MaxPool2d(3, stride: 2, padding: 1, ceilMode: true), x);
        ModuleGradCheck.Assert(new MaxPool2d((2, 3), stride: 1, dilation: (2, 1)), x);
        ModuleGradCheck.Assert(new MaxPool1d(3, stride: 2, padding: 1), Rand.Normal(2, 2, 3, 7));
        ModuleGradCheck.Assert(new MaxPool3d(2, ceilMode: true), Rand.Normal(3, 1, 2, 3, 3, 3));
        ModuleGradCheck.Assert(new AvgPool2d(3, stride: 2, padding: 1, ceilMode: true), x);
        ModuleGradCheck.Assert(new AvgPool2d(3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false), x);
        ModuleGradCheck.Assert(new AvgPool1d(2, divisorOverride: 3), Rand.Normal(4, 1, 2, 5));
        ModuleGradCheck.Assert(new LPPool2d(2, 2, ceilMode: true), x);
        ModuleGradCheck.Assert(new LPPool2d(3, (2, 3)), x.Abs() + 0.5);
        ModuleGradCheck.Assert(new AdaptiveAvgPool2d((2, 4)), x);
        ModuleGradCheck.Assert(new AdaptiveMaxPool2d((3, 4)), x);
        ModuleGradCheck.Assert(new AdaptiveAvgPool3d((1, 2, 2)), Rand.Normal(5, 1, 1, 3, 3, 4));
        ModuleGradCheck.Assert(new GlobalAvgPool(), x);
        var switches = new MaxPool2d(2).ForwardWithIndices(x).Indices;
        ModuleGradCheck.Assert(y => new MaxUnpool2d(2).Forward(y, switches, (5, 6)), Rand.Normal(6, 2, 2, 2, 3), []);
    }

    [Fact]
    public void OneAndThreeDimensionalSiblingsPassGradientChecks()
    {
        var sequence = Rand.Normal(11, 2, 2, 7);
        var volume = Rand.Normal(12, 1, 2, 3, 4, 3);
        ModuleGradCheck.Assert(new AvgPool3d((2, 2, 1), stride: 1, padding: (1, 0, 0), countIncludePad: false), volume);
        ModuleGradCheck.Assert(new LPPool1d(2, 3, stride: 2), sequence);
        ModuleGradCheck.Assert(new AdaptiveAvgPool1d(4), sequence);
        ModuleGradCheck.Assert(new AdaptiveMaxPool1d(3), sequence);
        ModuleGradCheck.Assert(new AdaptiveMaxPool3d((2, 3, 2)), volume);
        var (pooled, switches) = new MaxPool1d(2).ForwardWithIndices(sequence);
        ModuleGradCheck.Assert(y => new MaxUnpool1d(2).Forward(y, switches, 7), pooled, []);
        var (pooled3, switches3) = new MaxPool3d((1, 2, 2)).ForwardWithIndices(volume);
        ModuleGradCheck.Assert(y => new MaxUnpool3d((1, 2, 2)).Forward(y, switches3, (3, 4, 3)), pooled3, []);
    }

    [Fact]
    public void AveragePoolingIsTwiceDifferentiable()
    {
        GradCheck.RunSecondOrder(t => Functional.AvgPool2d(t[0].Square(), 2, stride: 1, padding: 1), [Rand.Leaf(7, 1, 1, 2, 3)]).ThrowIfFailed();
        GradCheck.RunSecondOrder(t => Functional.MaxPool2d(t[0], 2, stride: 1).Square(), [Rand.Leaf(8, 1, 1, 3, 3)]).ThrowIfFailed();
    }

    [Fact]
    public void Float32PoolingMatchesFloat64()
    {
        var x = Rand.Normal(9, 2, 3, 7, 6);
        Assert.True(Functional.MaxPool2d(x.Float(), 3, 2, 1).Double().AllClose(Functional.MaxPool2d(x, 3, 2, 1), 0, 1e-6));
        Assert.True(Functional.AvgPool2d(x.Float(), 3, 2, 1).Double().AllClose(Functional.AvgPool2d(x, 3, 2, 1), 1e-6, 1e-6));
    }

    [Fact]
    public void UnbatchedInputsPoolEachChannel()
    {
        var x = Rand.Normal(10, 3, 4, 4);
        Assert.Equal([3, 2, 2], new MaxPool2d(2).Forward(x).Shape);
        Assert.True(new AvgPool2d(2).Forward(x).AllClose(new AvgPool2d(2).Forward(x.Unsqueeze(0))[0], 1e-14, 1e-14));
    }

    [Fact]
    public void BadSettingsAreRejected()
    {
        Assert.Equal("MaxPool2d: padding 2 must be at most half the kernel size 3, or some window would see only padding.",
            Assert.Throws<ArgumentException>(() => new MaxPool2d(3, padding: 2)).Message);
        Assert.Equal("MaxPool2d: the input's spatial size 2×2 (shape [1, 1, 2, 2]) with padding 0 is smaller than the window 3×3 " +
                     "(dilation 1); the output size would be 0×0.",
            Assert.Throws<ArgumentException>(() => new MaxPool2d(3).Forward(Tensor.Zeros(1, 1, 2, 2))).Message);
        Assert.Equal("AvgPool2d: expected a 4-D input [N, C, H, W] (or 3-D without the batch dim), got shape [4, 4].",
            Assert.Throws<ArgumentException>(() => new AvgPool2d(2).Forward(Tensor.Zeros(4, 4))).Message);
        Assert.Equal("MaxUnpool2d: indices must lie in [0, 16) for an output of size 4×4, got values in [0, 16].",
            Assert.Throws<ArgumentException>(() => Functional.MaxUnpool2d(Tensor.Zeros(1, 1, 2, 2),
                Tensor.FromArray(new long[] { 0, 1, 2, 16 }, 1, 1, 2, 2), 2)).Message);
        Assert.Equal("LPPool2d: the norm type p must be positive, got 0.",
            Assert.Throws<ArgumentException>(() => new LPPool2d(0, 2)).Message);
    }
}
