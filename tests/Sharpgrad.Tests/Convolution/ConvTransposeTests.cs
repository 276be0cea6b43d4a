using Sharpgrad.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>The transposed convolution is the adjoint of the convolution (GBC §9.5): ⟨conv(x), y⟩ = ⟨x, convT(y)⟩.</summary>
public class ConvTransposeTests
{
    [Theory]
    [InlineData(7, 9, 1, 0, 1, 1)]
    [InlineData(7, 9, 2, 1, 1, 1)]
    [InlineData(8, 9, 2, 1, 2, 2)]
    [InlineData(9, 7, 3, 2, 1, 4)]
    public void TransposedConvolutionIsTheAdjointOfConvolution(int height, int width, int stride, int padding, int dilation, int groups)
    {
        var x = Rand.Normal(1, 2, 4, height, width);
        var w = Rand.Normal(2, 8, 4 / groups, 3, 2);
        var y = Functional.Conv2d(x, w, stride: stride, padding: padding, dilation: dilation, groups: groups);
        var v = Rand.Normal(3, y.Shape);
        // The output padding that brings the transposed convolution back to x's size (it is < stride).
        int[] extra = [.. Enumerable.Range(0, 2).Select(d =>
            x.Size(2 + d) - ((y.Size(2 + d) - 1) * stride - 2 * padding + dilation * (w.Size(2 + d) - 1) + 1))];
        var back = Functional.ConvTranspose2d(v, w, stride: stride, padding: padding, outputPadding: extra, groups: groups, dilation: dilation);
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal(Rand.Inner(y, v), Rand.Inner(x, back), 10);
    }

    [Fact]
    public void TransposedConvolutionIsTheInputGradientOfConvolution()
    {
        var x = Rand.Leaf(4, 1, 3, 6, 7);
        var w = Rand.Normal(5, 2, 3, 3, 3);
        var y = Functional.Conv2d(x, w, stride: 2, padding: 1);
        var g = Rand.Normal(6, y.Shape);
        y.Backward(g);
        var convT = Functional.ConvTranspose2d(g, w, stride: 2, padding: 1, outputPadding: (1, 0));
        Assert.True(convT.AllClose(x.Grad!, 1e-12, 1e-12));
    }

    [Fact]
    public void LayerOutputSizeAndWeightLayout()
    {
        var up = new ConvTranspose2d(4, 6, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, groups: 2);
        Assert.Equal([4, 3, 3, 3], up.Weight.Shape);
        Assert.Equal([6], up.Bias!.Shape);
        // (5 − 1)·2 − 2 + 3 + 1 = 10 and (6 − 1)·2 − 2 + 3 + 1 = 12.
        Assert.Equal([2, 6, 10, 12], up.Forward(Tensor.Zeros(2, 4, 5, 6)).Shape);
        Assert.Equal([6, 10, 12], up.Forward(Tensor.Zeros(4, 5, 6)).Shape);
        Assert.Equal([1, 2, 7], new ConvTranspose1d(3, 2, 3, stride: 2).Forward(Tensor.Zeros(1, 3, 3)).Shape);
        Assert.Equal([1, 2, 4, 5, 6], new ConvTranspose3d(3, 2, 2).Forward(Tensor.Zeros(1, 3, 3, 4, 5)).Shape);
    }

    [Fact]
    public void OutputPaddingMustBeSmallerThanStrideOrDilation()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Functional.ConvTranspose2d(Tensor.Zeros(1, 2, 3, 3), Tensor.Zeros(2, 1, 3, 3), stride: 2, outputPadding: 2));
        Assert.Equal(
            "ConvTranspose2d: output padding 2 must be smaller than either the stride 2 or the dilation 1 in every dim.", error.Message);
    }

    [Fact]
    public void InputChannelsMustMatchTheWeight()
    {
        var error = Assert.Throws<ArgumentException>(() => new ConvTranspose2d(4, 2, 3).Forward(Tensor.Zeros(1, 3, 5, 5)));
        Assert.Equal(
            "ConvTranspose2d: input shape [1, 3, 5, 5] has 3 channels, but the weight [4, 2, 3, 3] expects 4 (weight layout [in, out/groups, kH, kW]).",
            error.Message);
    }
}
