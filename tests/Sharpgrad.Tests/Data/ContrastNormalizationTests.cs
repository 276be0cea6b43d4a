using Sharpgrad.Data;
using static Sharpgrad.Tests.Data.TransformTests;

namespace Sharpgrad.Tests.Data;

/// <summary>
/// Normalize, global contrast normalisation (GBC §12.2.1.1, Eq. 12.3) and per-image standardisation, against
/// their defining properties: the statistics they produce and the formulas evaluated by hand.
/// </summary>
public class ContrastNormalizationTests
{
    private static readonly int[] PerImage = [1, 2, 3];

    /// <summary>√(mean(x²)) per image: the contrast of a centred image.</summary>
    private static Tensor Rms(Tensor x) => x.Square().Mean(PerImage).Sqrt();

    [Fact]
    public void NormalizeWithTheChannelStatisticsGivesMeanZeroAndStdOnePerChannel()
    {
        // Channels with clearly different scales and offsets.
        var scale = Tensor.FromArray(new[] { 2.0, 0.5, 10.0 }).View(1, 3, 1, 1);
        var shift = Tensor.FromArray(new[] { 5.0, -1.0, 100.0 }).View(1, 3, 1, 1);
        var x = Images(50, 3, 4, 4, dtype: DType.Float64) * scale + shift;
        int[] perChannel = [0, 2, 3];
        double[] mean = x.Mean(perChannel).ToDoubleArray(), std = x.Std(perChannel, unbiased: false).ToDoubleArray();
        var y = new Normalize(mean, std).Apply(x);
        Assert.True(y.Mean(perChannel).AllClose(Tensor.Zeros([3], DType.Float64), atol: 1e-10));
        Assert.True(y.Std(perChannel, unbiased: false).AllClose(Tensor.Ones([3], DType.Float64), atol: 1e-10));
    }

    [Fact]
    public void NormalizeSubtractsAndDividesChannelByChannel()
    {
        var image = Tensor.FromArray(new float[] { 7, 3, 0.5f, 1 }, 2, 1, 2); // [C=2, H=1, W=2]
        var y = new Normalize([5, 0.5], [2, 0.25]).Apply(image);
        Assert.Equal([1f, -1f, 0f, 2f], y.ToArray<float>()); // (7−5)/2, (3−5)/2, (0.5−0.5)/0.25, (1−0.5)/0.25
        Assert.Equal([2f, 0f, -1.25f, -1f], new Normalize([3], [2]).Apply(image).ToArray<float>()); // one value for all: (x − 3)/2
        Assert.Contains("Normalize: images of shape [1, 2, 1, 2] have 2 channels, but 3 means and stds were given",
            Assert.Throws<ArgumentException>(() => new Normalize([0, 0, 0], [1, 1, 1]).Apply(image)).Message);
        Assert.Throws<ArgumentException>(() => new Normalize([0, 0], [1]));
        Assert.Contains("stds positive", Assert.Throws<ArgumentException>(() => new Normalize([0], [0])).Message);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(55.0)]
    public void GlobalContrastNormalizationGivesEachImageMeanZeroAndContrastS(double s)
    {
        var x = Images(6, 3, 5, 5, dtype: DType.Float64) * Tensor.Arange(1, 7).Double().View(6, 1, 1, 1); // contrasts differ
        var y = new GlobalContrastNormalization(scale: s).Apply(x);
        Assert.True(y.Mean(PerImage).AllClose(Tensor.Zeros([6], DType.Float64), atol: 1e-10));
        Assert.True(Rms(y).AllClose(Tensor.Full([6], s, DType.Float64), rtol: 1e-10));
    }

    [Fact]
    public void GcnLambdaAndEpsilonFollowEquation12Point3()
    {
        // Image [0, 2, 4, 6] (one channel, 2×2): mean 3, deviations ±1, ±3, mean squared deviation 5.
        var image = Tensor.FromArray(new[] { 0.0, 2, 4, 6 }, 1, 2, 2);
        double[] deviations = [-3, -1, 1, 3];
        // λ = 4: divide by √(4 + 5) = 3.
        Assert.Equal(deviations.Select(d => 2 * d / 3), new GlobalContrastNormalization(scale: 2, lambda: 4, epsilon: 0).Apply(image).ToDoubleArray());
        // ε = 10 exceeds the contrast √5: divide by ε instead.
        Assert.Equal(deviations.Select(d => d / 10), new GlobalContrastNormalization(epsilon: 10).Apply(image).ToDoubleArray());
        // A constant image has no contrast: the result is all zeros, not NaN.
        Assert.True(new GlobalContrastNormalization().Apply(Tensor.Full([2, 3, 3], 0.7)).Eq(0).All());
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlobalContrastNormalization(lambda: 0, epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GlobalContrastNormalization(scale: 0));
    }

    [Fact]
    public void PerImageStandardizationGivesMeanZeroAndStdOne()
    {
        var x = Images(4, 3, 6, 6, dtype: DType.Float64) * 9 + 2;
        var y = new PerImageStandardization().Apply(x);
        Assert.True(y.Mean(PerImage).AllClose(Tensor.Zeros([4], DType.Float64), atol: 1e-10));
        Assert.True(y.Std(PerImage, unbiased: false).AllClose(Tensor.Ones([4], DType.Float64), rtol: 1e-10));
        Assert.Equal(DType.Float32, new PerImageStandardization().Apply(Images(1, 1, 2, 2)).DType);
    }

    [Fact]
    public void PerImageStandardizationFloorsTheStdAtOneOverRootN()
    {
        // tf.image.per_image_standardization divides by max(σ, 1/√n): with n = 4 values and σ = 0.01 < 1/2,
        // the deviations ±0.01 are divided by 0.5.
        var image = Tensor.FromArray(new[] { 0.99, 1.01, 0.99, 1.01 }, 1, 2, 2);
        var y = new PerImageStandardization().Apply(image).ToDoubleArray();
        Assert.Equal(new[] { -0.02, 0.02, -0.02, 0.02 }, y, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void ContrastNormalisationIsBuiltFromDifferentiableOps()
    {
        // Gradients flow through the normalisations (e.g. to normalise activations or learned inputs).
        var x = Images(2, 2, 3, 3, seed: 4, dtype: DType.Float64).RequireGrad();
        GradCheck.Assert(inputs => new GlobalContrastNormalization(scale: 2, lambda: 0.1, epsilon: 0).Apply(inputs[0]), x);
        GradCheck.Assert(inputs => new PerImageStandardization().Apply(inputs[0]), x);
        GradCheck.Assert(inputs => new Normalize([0.5, 0.4], [0.2, 0.3]).Apply(inputs[0]), x);
    }
}
