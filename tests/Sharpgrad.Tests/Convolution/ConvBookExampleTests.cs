using Sharpgrad.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>The convolution examples of BOOKS.md §6 (GBC §9.5; Buduma ch5; NYU ch8), with numbers worked out by hand.</summary>
public class ConvBookExampleTests
{
    [Fact]
    public void SevenBySevenInputWithThreeByThreeFilter()
    {
        // ⌊(W − F + 2P)/S⌋ + 1: (7 − 3)/1 + 1 = 5 and (7 − 3)/2 + 1 = 3.
        var x = Tensor.Ones(1, 1, 7, 7);
        Assert.Equal([1, 1, 5, 5], new Conv2d(1, 1, 3).Forward(x).Shape);
        Assert.Equal([1, 1, 3, 3], new Conv2d(1, 1, 3, stride: 2).Forward(x).Shape);
        // Stride 3 does not tile 7 − 3 = 4 evenly; the floor in the formula drops the last column: ⌊4/3⌋ + 1 = 2.
        Assert.Equal([1, 1, 2, 2], new Conv2d(1, 1, 3, stride: 3).Forward(x).Shape);
    }

    [Fact]
    public void SamePaddingWithStrideThreeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Conv2d(1, 1, 3, stride: 3, padding: "same"));
        Assert.StartsWith("Conv2d: padding \"same\" is impossible with stride 3", error.Message);
        var functional = Assert.Throws<ArgumentException>(() =>
            Functional.Conv2d(Tensor.Ones(1, 1, 7, 7), Tensor.Ones(1, 1, 3, 3), stride: (1, 3), padding: "same"));
        Assert.StartsWith("Conv2d: padding \"same\" is impossible with stride (1, 3)", functional.Message);
    }

    [Fact]
    public void FiveByFiveByThreeWithTwoFiltersStrideTwoPaddingOne()
    {
        // (5 − 3 + 2)/2 + 1 = 3, two filters ⇒ 3×3×2.
        var conv = new Conv2d(3, 2, 3, stride: 2, padding: 1, dtype: DType.Float64);
        Init.Ones(conv.Weight);
        Init.Zeros(conv.Bias!);
        var y = conv.Forward(Tensor.Ones([1, 3, 5, 5], DType.Float64));
        Assert.Equal([1, 2, 3, 3], y.Shape);
        // With all-ones input and weights each output counts the taps inside the image: the centre window
        // (rows 1–3, cols 1–3) has all 3·3·3 = 27, a corner one (rows −1–1) 2·2·3 = 12, an edge one 2·3·3 = 18.
        Assert.Equal(new double[] { 12, 18, 12, 18, 27, 18, 12, 18, 12 }, y[0, 0].ToArray<double>());
        Assert.Equal(y[0, 0].ToArray<double>(), y[0, 1].ToArray<double>());
    }

    [Fact]
    public void OneDimensionalInputGradientIsTheGradientCorrelatedWithTheFlippedKernel()
    {
        var w = Tensor.From(new double[] { 1, 2, 3 }).Reshape(1, 1, 3);
        var x = Tensor.Zeros([1, 1, 5], DType.Float64).RequireGrad();
        var gradY = Tensor.From(new double[] { 4, 5, 6 }).Reshape(1, 1, 3);
        Functional.Conv1d(x, w).Backward(gradY);

        // ∂L/∂x[i] = Σ_j ∇y[j]·w[i − j]: ∇y "full"-correlated with the flipped kernel (3, 2, 1).
        var flipped = Tensor.From(new double[] { 3, 2, 1 }).Reshape(1, 1, 3);
        var correlated = Functional.Conv1d(gradY, flipped, padding: "full");
        Assert.Equal(new double[] { 4, 13, 28, 27, 18 }, correlated.ToArray<double>());
        Assert.Equal(new double[] { 4, 13, 28, 27, 18 }, x.Grad!.ToArray<double>());
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 2, 2)]
    public void StridedConvolutionIsStrideOneConvolutionSubsampled(int stride, int padding, int dilation)
    {
        var x = Rand.Normal(1, 2, 3, 9, 10);
        var w = Rand.Normal(2, 4, 3, 3, 2);
        var b = Rand.Normal(3, 4);
        var strided = Functional.Conv2d(x, w, b, stride: stride, padding: padding, dilation: dilation);
        var dense = Functional.Conv2d(x, w, b, stride: 1, padding: padding, dilation: dilation);
        var subsampled = dense.Slice(2, 0, dense.Size(2), stride).Slice(3, 0, dense.Size(3), stride);
        Assert.Equal(subsampled.Shape, strided.Shape);
        Assert.True(strided.AllClose(subsampled, 1e-12, 1e-12));
    }

    [Fact]
    public void ValidSameAndFullPaddingSizes()
    {
        var x = Tensor.Ones(1, 1, 7, 7);
        var w = Tensor.Ones(1, 1, 3, 3);
        Assert.Equal([1, 1, 5, 5], Functional.Conv2d(x, w, padding: "valid").Shape);
        Assert.Equal([1, 1, 7, 7], Functional.Conv2d(x, w, padding: "same").Shape);
        // "full": D·(k − 1) = 2 on each side, so every input pixel meets every tap: 7 + 2 = 9.
        Assert.Equal([1, 1, 9, 9], Functional.Conv2d(x, w, padding: "full").Shape);
        Assert.Equal([1, 1, 7, 7], Functional.Conv2d(x, w, padding: "same", dilation: 2).Shape);
        Assert.Equal([1, 1, 11, 11], Functional.Conv2d(x, w, padding: "full", dilation: 2).Shape);
        // A full convolution's corner sees one tap, its centre all nine.
        var full = Functional.Conv2d(x, w, padding: "full");
        Assert.Equal(1, full[0, 0, 0, 0].Item());
        Assert.Equal(9, full[0, 0, 4, 4].Item());
    }
}
