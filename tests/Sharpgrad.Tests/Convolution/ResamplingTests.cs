using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>Upsample/Interpolate against PyTorch and by hand, Dropout2d and Unflatten.</summary>
public class ResamplingTests
{
    [Fact]
    public void NearestToASizeMatchesPyTorch()
    {
        var c = TorchCase.Load("upsample_nearest_size");
        c.AssertMatches(Functional.Interpolate(c.Input("x"), size: (5, 7)));
    }

    [Fact]
    public void NearestByAFactorMatchesPyTorch()
    {
        var c = TorchCase.Load("upsample_nearest_scale2");
        c.AssertMatches(new Upsample(scaleFactor: 2).Forward(c.Input("x")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BilinearToASizeMatchesPyTorch(bool alignCorners)
    {
        var c = TorchCase.Load($"upsample_bilinear_align_{alignCorners.ToString().ToLowerInvariant()}");
        c.AssertMatches(Functional.Interpolate(c.Input("x"), size: (5, 7), mode: InterpolationMode.Bilinear, alignCorners: alignCorners));
    }

    [Fact]
    public void BilinearByAFactorMatchesPyTorch()
    {
        var c = TorchCase.Load("upsample_bilinear_scale2");
        c.AssertMatches(new Upsample(scaleFactor: 2, mode: InterpolationMode.Bilinear, alignCorners: false).Forward(c.Input("x")));
    }

    [Fact]
    public void LinearInterpolationByHand()
    {
        var x = Tensor.From(new double[] { 0, 10 }).Reshape(1, 1, 2);
        // align_corners: the ends map onto each other, s = o·(2 − 1)/(5 − 1): 0, 2.5, 5, 7.5, 10.
        Approx.Equal([0, 2.5, 5, 7.5, 10], Functional.Interpolate(x, size: 5, mode: InterpolationMode.Linear, alignCorners: true).ToArray<double>());
        // Half-pixel centres, factor 2: s = (o + ½)/2 − ½ = −¼ (clamped to 0), ¼, ¾, 1¼ (the last upper neighbour clamps to 1).
        Approx.Equal([0, 2.5, 7.5, 10], Functional.Interpolate(x, scaleFactor: 2, mode: InterpolationMode.Linear).ToArray<double>());
        // Nearest repeats each value.
        Approx.Equal([0, 0, 10, 10], Functional.Interpolate(x, scaleFactor: 2).ToArray<double>());
    }

    [Fact]
    public void InterpolationGradients()
    {
        GradCheck.Assert(t => Functional.Interpolate(t[0], size: (3, 5), mode: InterpolationMode.Bilinear), Rand.Leaf(1, 1, 1, 2, 3));
        GradCheck.Assert(t => Functional.Interpolate(t[0], size: (4, 2), mode: InterpolationMode.Bilinear, alignCorners: true), Rand.Leaf(2, 1, 1, 3, 3));
        GradCheck.Assert(t => Functional.Interpolate(t[0], scaleFactor: 1.5), Rand.Leaf(3, 1, 2, 2, 2));
        GradCheck.Assert(t => Functional.Interpolate(t[0], size: (2, 3, 2), mode: InterpolationMode.Trilinear), Rand.Leaf(4, 1, 1, 2, 2, 3));
    }

    [Fact]
    public void BadInterpolationRequestsAreRejected()
    {
        Assert.Equal("Interpolate: bilinear interpolation needs a 4-D input, got shape [1, 1, 4].",
            Assert.Throws<ArgumentException>(() => Functional.Interpolate(Tensor.Zeros(1, 1, 4), size: 8, mode: InterpolationMode.Bilinear)).Message);
        Assert.Equal("Interpolate: give either a size or a scale factor, not both.",
            Assert.Throws<ArgumentException>(() => Functional.Interpolate(Tensor.Zeros(1, 1, 4), size: 8, scaleFactor: 2)).Message);
        Assert.Equal("Upsample: alignCorners can only be set with the linear modes (linear, bilinear, trilinear).",
            Assert.Throws<ArgumentException>(() => new Upsample(scaleFactor: 2, alignCorners: true)).Message);
    }

    [Fact]
    public void Dropout2dDropsWholeChannels()
    {
        var x = Tensor.Ones([8, 16, 3, 3], DType.Float64);
        var y = new Dropout2d(0.5, new Generator(3)).Forward(x);
        // Each map is all 0 or all 1/(1 − p) = 2, and about half of the 128 survive.
        var maps = y.Reshape(128, 9);
        var maxima = maps.Max(1).Values.ToArray<double>();
        var minima = maps.Min(1).Values.ToArray<double>();
        Assert.Equal(maxima, minima);
        Assert.All(maxima, v => Assert.True(v == 0 || v == 2));
        int kept = maxima.Count(v => v == 2);
        Assert.InRange(kept, 64 - 4 * 6, 64 + 4 * 6);   // Binomial(128, ½): sd ≈ 5.7
        var dropout = new Dropout2d(0.5);
        dropout.Eval();
        Assert.Same(x, dropout.Forward(x));
        var g = new Generator(5);
        ModuleGradCheck.Assert(t => { g.SetState(new Generator(5).GetState()); return new Dropout2d(0.3, g).Forward(t); }, Rand.Normal(6, 2, 3, 2, 2), []);
    }

    [Fact]
    public void UnflattenSplitsADim()
    {
        var x = Tensor.Arange(0, 24, 1, DType.Float64).Reshape(2, 12);
        Assert.Equal([2, 3, 4], new Unflatten(1, [3, 4]).Forward(x).Shape);
        Assert.Equal([2, 2, 2, 3], new Unflatten(-1, [2, -1, 3]).Forward(x).Shape);
        Assert.Equal(x.ToArray<double>(), new Unflatten(1, [3, 4]).Forward(x).ToArray<double>());
        ModuleGradCheck.Assert(new Unflatten(1, [3, -1]), Rand.Normal(2, 2, 6));
        ModuleGradCheck.Assert(new Upsample(size: (3, 2), mode: InterpolationMode.Bilinear, alignCorners: true), Rand.Normal(3, 1, 2, 2, 3));
        Assert.Equal("Unflatten: sizes [5, 2] do not fit dim 1 of size 12 (input shape [2, 12]).",
            Assert.Throws<ArgumentException>(() => new Unflatten(1, [5, 2]).Forward(x)).Message);
        // Flatten then Unflatten is the identity.
        var images = Rand.Normal(1, 2, 1, 4, 4);
        Assert.Equal(images.ToArray<double>(), new Sequential(new Flatten(), new Unflatten(1, [1, 4, 4])).Forward(images).ToArray<double>());
    }
}
