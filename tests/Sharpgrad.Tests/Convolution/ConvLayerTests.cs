using Sharpgrad.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>Conv layers: PyTorch's parameter layout and initialisation, unbatched inputs, and the error messages.</summary>
public class ConvLayerTests
{
    [Fact]
    public void WeightIsOutByInOverGroupsByKernelWithPyTorchNames()
    {
        var conv = new Conv2d(4, 6, (3, 5), groups: 2);
        Assert.Equal([6, 2, 3, 5], conv.Weight.Shape);
        Assert.Equal([6], conv.Bias!.Shape);
        Assert.Equal(["weight", "bias"], conv.StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias"], new Sequential(new Conv1d(2, 3, 3), new ReLU()).StateDict().Keys);
        Assert.Single(new Conv3d(2, 3, 2, bias: false).Parameters());
        Assert.Equal([5, 1, 2, 2, 2], new Conv3d(5, 5, 2, groups: 5).Weight.Shape);
    }

    [Fact]
    public void DefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        // PyTorch: kaiming_uniform(a = √5) ⇒ U(±1/√fan_in) with fan_in = in/groups·kH·kW = 8·3·3 = 72, bias likewise.
        var conv = new Conv2d(16, 64, 3, groups: 2, generator: new Generator(4));
        double bound = 1 / Math.Sqrt(72);
        var w = conv.Weight.ToDoubleArray();
        Assert.True(w.Max() <= bound && w.Min() >= -bound);
        Assert.True(w.Max() > 0.99 * bound && w.Min() < -0.99 * bound);
        double variance = bound * bound / 3, se = Math.Sqrt(Math.Pow(bound, 4) * (1.0 / 5 - 1.0 / 9) / w.Length);
        double sample = w.Select(v => v * v).Average() - Math.Pow(w.Average(), 2);
        Assert.InRange(sample, variance - 4 * se, variance + 4 * se);
        var b = conv.Bias!.ToDoubleArray();
        Assert.True(b.All(v => Math.Abs(v) <= bound) && b.Max() - b.Min() > bound);
    }

    [Fact]
    public void SameSeedGivesSameWeights()
    {
        var a = new Conv2d(3, 4, 3, generator: new Generator(9));
        var b = new Conv2d(3, 4, 3, generator: new Generator(9));
        Assert.Equal(a.Weight.ToArray<float>(), b.Weight.ToArray<float>());
    }

    [Fact]
    public void UnbatchedInputGivesUnbatchedOutput()
    {
        var conv = new Conv2d(2, 3, 3, padding: 1, dtype: DType.Float64, generator: new Generator(1));
        var x = Rand.Normal(1, 2, 5, 4);
        var y = conv.Forward(x);
        Assert.Equal([3, 5, 4], y.Shape);
        Assert.True(y.AllClose(conv.Forward(x.Unsqueeze(0))[0], 1e-14, 1e-14));
    }

    [Fact]
    public void Float32MatchesFloat64()
    {
        var conv = new Conv2d(3, 4, 3, stride: 2, padding: 1, groups: 1, dtype: DType.Float64, generator: new Generator(2));
        var x = Rand.Normal(3, 2, 3, 9, 8);
        var y64 = conv.Forward(x);
        var y32 = Functional.Conv2d(x.Float(), conv.Weight.Detach().Float(), conv.Bias!.Detach().Float(), stride: 2, padding: 1);
        Assert.Equal(DType.Float32, y32.DType);
        Assert.True(y32.Double().AllClose(y64, 1e-5, 1e-5));
    }

    [Fact]
    public void UnfoldTimesWeightIsConvolution()
    {
        var x = Rand.Normal(4, 2, 3, 6, 5);
        var w = Rand.Normal(5, 4, 3, 2, 3);
        var columns = Functional.Unfold(x, (2, 3), dilation: (2, 1), padding: 1, stride: 2);
        var y = w.View(4, -1).MatMul(columns);
        var expected = Functional.Conv2d(x, w, stride: 2, padding: 1, dilation: (2, 1));
        Assert.True(y.View(expected.Shape).AllClose(expected, 1e-12, 1e-12));
    }

    [Fact]
    public void FoldOfUnfoldCountsHowOftenEachPixelIsCovered()
    {
        // 2×2 blocks at stride 1 over a 3×3 image: the centre lies in 4 blocks, edges in 2, corners in 1.
        var ones = Tensor.Ones([1, 1, 3, 3], DType.Float64);
        var folded = Functional.Fold(Functional.Unfold(ones, 2), 3, 2);
        Assert.Equal(new double[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, folded.ToArray<double>());
    }

    [Fact]
    public void ChannelMismatchNamesShapesAndGroups()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2d(3, 8, 3).Forward(Tensor.Zeros(2, 5, 7, 7)));
        Assert.Equal("Conv2d: input shape [2, 5, 7, 7] has 5 channels, but the weight [8, 3, 3, 3] with groups 1 expects 3.", error.Message);
    }

    [Fact]
    public void InputTooSmallForTheKernelIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2d(1, 1, 3, dilation: 2).Forward(Tensor.Zeros(1, 1, 4, 6)));
        Assert.Equal(
            "Conv2d: the input's spatial size 4×6 (shape [1, 1, 4, 6]) with padding 0 is smaller than the kernel's extent 5×5 " +
            "(kernel 3×3, dilation 2); the output size would be 0×2.", error.Message);
    }

    [Fact]
    public void WrongRanksAndSettingsAreRejected()
    {
        Assert.Equal("Conv2d: expected a 4-D input [N, C, H, W] (or 3-D without the batch dim), got shape [7, 7].",
            Assert.Throws<ArgumentException>(() => new Conv2d(1, 1, 3).Forward(Tensor.Zeros(7, 7))).Message);
        Assert.Equal("Conv1d: weight must be 3-D [out, in/groups, kL], got shape [2, 3].",
            Assert.Throws<ArgumentException>(() => Functional.Conv1d(Tensor.Zeros(1, 3, 5), Tensor.Zeros(2, 3))).Message);
        Assert.Equal("Conv2d: groups (2) must be positive and divide both in channels (3) and out channels (4).",
            Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2)).Message);
        Assert.Equal("Conv2d: kernel size needs 1 or 2 values (one per spatial dim), got (1, 2, 3).",
            Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, (1, 2, 3))).Message);
        Assert.Equal("Conv2d: stride must be at least 1 in every dim, got 0.",
            Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, stride: 0)).Message);
        Assert.Equal("Conv2d: bias must have shape [2], got [3].",
            Assert.Throws<ArgumentException>(() => Functional.Conv2d(Tensor.Zeros(1, 1, 3, 3), Tensor.Zeros(2, 1, 1, 1), Tensor.Zeros(3))).Message);
        Assert.Equal("Conv2d: input dtype float32 does not match weight dtype float64; convert one with To().",
            Assert.Throws<ArgumentException>(() => new Conv2d(1, 1, 1, dtype: DType.Float64).Forward(Tensor.Zeros(1, 1, 3, 3))).Message);
        Assert.Equal("ConvPadding: padding must be a number, \"valid\", \"same\" or \"full\", got \"half\".",
            Assert.Throws<ArgumentException>(() => new Conv2d(1, 1, 3, padding: "half")).Message);
    }

    [Fact]
    public void PaddingThatCannotBeReflectedIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new Conv2d(1, 1, 3, padding: 3, paddingMode: PaddingMode.Reflect).Forward(Tensor.Zeros(1, 1, 3, 3)));
        Assert.Equal(
            "Pad: reflect padding (3, 3) on dim 3 is too large for its size 3 (input shape [1, 1, 3, 3]); it must be at most size − 1.",
            error.Message);
    }

    [Fact]
    public void PadModesOnAKnownRow()
    {
        var row = Tensor.From(new double[] { 1, 2, 3 }).Reshape(1, 3);
        Assert.Equal(new double[] { 3, 2, 1, 2, 3, 2, 1 }, Functional.Pad(row, [2, 2], PaddingMode.Reflect).ToArray<double>());
        Assert.Equal(new double[] { 1, 1, 1, 2, 3, 3, 3 }, Functional.Pad(row, [2, 2], PaddingMode.Replicate).ToArray<double>());
        Assert.Equal(new double[] { 2, 3, 1, 2, 3, 1, 2 }, Functional.Pad(row, [2, 2], PaddingMode.Circular).ToArray<double>());
        Assert.Equal(new double[] { 0, 0, 1, 2, 3, 0, 0 }, Functional.Pad(row, [2, 2]).ToArray<double>());
        Assert.Equal(new double[] { 2, 3, 7 }, Functional.Pad(row, [-1, 1], 7.0).ToArray<double>());
    }

    [Fact]
    public void DescriptionFollowsPyTorch()
    {
        Assert.Equal("Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=same)",
            new Conv2d(3, 16, 3, padding: "same").ToString());
        Assert.Equal("Conv1d(2, 4, kernel_size=(5,), stride=(2,), padding=1, groups=2, bias=False, padding_mode=reflect)",
            new Conv1d(2, 4, 5, stride: 2, padding: 1, groups: 2, bias: false, paddingMode: PaddingMode.Reflect).ToString());
    }
}
