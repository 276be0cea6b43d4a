using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Normalization;

/// <summary>Layer, group and local response normalisation: closed forms, gradient checks and errors.</summary>
public class NormLayerTests
{
    [Fact]
    public void LayerNormStandardisesEachExampleOverItsLastDims()
    {
        // One example (1, 2, 3, 4, 5, 6) over [2, 3]: μ = 3.5, σ² = 35/12.
        var x = Tensor.Arange(1, 7, 1, DType.Float64).Reshape(1, 2, 3);
        var y = new LayerNorm([2, 3], dtype: DType.Float64).Forward(x).ToArray<double>();
        Approx.Equal(Enumerable.Range(1, 6).Select(v => (v - 3.5) / Math.Sqrt(35 / 12.0 + 1e-5)).ToArray(), y);
        // Over the last dim only, each row is standardised alone: (1, 2, 3) → (−1, 0, 1)/√(2/3 + ε).
        var rows = new LayerNorm(3, dtype: DType.Float64).Forward(x).ToArray<double>();
        double s = Math.Sqrt(2 / 3.0 + 1e-5);
        Approx.Equal([-1 / s, 0, 1 / s, -1 / s, 0, 1 / s], rows);
    }

    [Fact]
    public void GroupNormWithOneGroupPerChannelIsInstanceNormAndWithOneGroupIsLayerNorm()
    {
        var x = Rand.Normal(1, 2, 4, 3, 3);
        var instance = new GroupNorm(4, 4, dtype: DType.Float64).Forward(x);
        Approx.Equal(new double[8], instance.Mean([2, 3]).ToArray<double>(), 1e-12);
        var whole = new GroupNorm(1, 4, dtype: DType.Float64).Forward(x);
        var layer = Functional.LayerNorm(x, [4, 3, 3]);
        Assert.True(whole.AllClose(layer, 1e-12, 1e-12));
    }

    [Fact]
    public void LocalResponseNormOfASingleChannelWindow()
    {
        // size 1: b = a / (k + α·a²)^β.
        var x = Tensor.From(new double[] { 1, -2, 3 }).Reshape(1, 3, 1);
        var y = new LocalResponseNorm(1, alpha: 0.5, beta: 0.5, k: 1).Forward(x).ToArray<double>();
        Approx.Equal([1 / Math.Sqrt(1.5), -2 / Math.Sqrt(3), 3 / Math.Sqrt(5.5)], y);
        // size 3 at channel 0 sums channels −1 (absent), 0 and 1: (k + α/3·(1 + 4))^β.
        var z = new LocalResponseNorm(3, alpha: 0.3, beta: 1, k: 2).Forward(x).ToArray<double>();
        Assert.Equal(1 / (2 + 0.1 * 5), z[0], 12);
        Assert.Equal(-2 / (2 + 0.1 * 14), z[1], 12);
    }

    [Fact]
    public void GradientChecks()
    {
        var layer = new LayerNorm([2, 3], dtype: DType.Float64);
        var group = new GroupNorm(2, 4, dtype: DType.Float64);
        using (Autograd.NoGrad())
        {
            layer.Weight!.CopyFrom(Rand.Normal(1, 2, 3));
            layer.Bias!.CopyFrom(Rand.Normal(2, 2, 3));
            group.Weight!.CopyFrom(Rand.Normal(3, 4));
            group.Bias!.CopyFrom(Rand.Normal(4, 4));
        }
        ModuleGradCheck.Assert(layer, Rand.Normal(5, 2, 2, 3));
        ModuleGradCheck.Assert(group, Rand.Normal(6, 2, 4, 3));
        ModuleGradCheck.Assert(new LocalResponseNorm(3, alpha: 0.5, beta: 0.75, k: 1), Rand.Normal(7, 2, 4, 3));
        ModuleGradCheck.Assert(new LocalResponseNorm(2, alpha: 0.5, beta: 0.75, k: 1), Rand.Normal(8, 1, 3, 2, 2));
        GradCheck.RunSecondOrder(t => Functional.LayerNorm(t[0], [3]), [Rand.Leaf(9, 2, 3)]).ThrowIfFailed();
    }

    [Fact]
    public void BadShapesAreRejected()
    {
        Assert.Equal("LayerNorm: input shape [2, 3, 4] does not end with the normalized shape [3].",
            Assert.Throws<ArgumentException>(() => new LayerNorm(3).Forward(Tensor.Zeros(2, 3, 4))).Message);
        Assert.Equal("GroupNorm: 6 channels cannot be split into 4 groups of equal size.",
            Assert.Throws<ArgumentException>(() => new GroupNorm(4, 6)).Message);
        Assert.Equal("GroupNorm: expected an input [N, 6, ...], got shape [2, 4, 3].",
            Assert.Throws<ArgumentException>(() => new GroupNorm(3, 6).Forward(Tensor.Zeros(2, 4, 3))).Message);
        Assert.Equal("LocalResponseNorm: expected an input [N, C, ...] with at least 3 dims, got shape [2, 4].",
            Assert.Throws<ArgumentException>(() => new LocalResponseNorm(3).Forward(Tensor.Zeros(2, 4))).Message);
    }
}
