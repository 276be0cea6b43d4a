using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Convolution;

/// <summary>GBC §9.5's locally connected (unshared) and tiled convolutions, and how they reduce to ordinary convolution.</summary>
public class LocalConvolutionTests
{
    [Fact]
    public void TiledConvolutionWithPeriodOneIsConvolution()
    {
        var conv = new Conv2d(3, 4, 3, stride: 2, padding: 1, dtype: DType.Float64, generator: new Generator(1));
        var tiled = new TiledConv2d(3, 4, 3, tileSize: 1, stride: 2, padding: 1, dtype: DType.Float64);
        tiled.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["weight"] = conv.Weight.Detach().Reshape(4, 3, 3, 3, 1, 1),
            ["bias"] = conv.Bias!.Detach(),
        });
        var x = Rand.Normal(2, 2, 3, 7, 6);
        Assert.True(tiled.Forward(x).AllClose(conv.Forward(x), 1e-12, 1e-12));
    }

    [Fact]
    public void LocallyConnectedWithTheSameFilterEverywhereIsConvolution()
    {
        var conv = new Conv2d(2, 3, (2, 3), dilation: (2, 1), bias: false, dtype: DType.Float64, generator: new Generator(3));
        var local = new LocallyConnected2d(2, 3, inputSize: (6, 5), kernelSize: (2, 3), dilation: (2, 1), bias: false, dtype: DType.Float64);
        Assert.Equal([3, 4, 3, 2, 2, 3], local.Weight.Shape);   // output 4×3 (6 − 2·1 and 5 − 2)
        var shared = conv.Weight.Detach().View(3, 1, 1, 2, 2, 3).Expand(3, 4, 3, 2, 2, 3);
        local.LoadStateDict(new Dictionary<string, Tensor> { ["weight"] = shared });
        var x = Rand.Normal(4, 2, 2, 6, 5);
        Assert.True(local.Forward(x).AllClose(conv.Forward(x), 1e-12, 1e-12));
    }

    [Fact]
    public void TiledConvolutionRotatesItsFiltersAcrossTheOutput()
    {
        // A 1×1 kernel tiled with t = 2 and filters [[1, 2], [3, 4]]: output (j, k) = x·filter(j mod 2, k mod 2).
        var weight = Tensor.From(new double[,] { { 1, 2 }, { 3, 4 } }).Reshape(1, 1, 1, 1, 2, 2);
        var y = Functional.TiledConv2d(Tensor.Ones([1, 1, 3, 4], DType.Float64), weight);
        Assert.Equal(new double[] { 1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2 }, y.ToArray<double>());
    }

    [Fact]
    public void TiledConvolutionWithPeriodOfTheOutputSizeIsLocallyConnected()
    {
        var tiled = Rand.Normal(5, 2, 1, 2, 2, 3, 2);     // [out 2, in 1, 2×2 kernel, t = (3, 2)]; a 4×3 input gives a 3×2 output
        var x = Rand.Normal(6, 1, 1, 4, 3);
        var local = tiled.Permute(0, 4, 5, 1, 2, 3);      // [out, outH, outW, in, kH, kW]
        Assert.True(Functional.TiledConv2d(x, tiled).AllClose(Functional.LocallyConnected2d(x, local), 1e-12, 1e-12));
    }

    [Fact]
    public void ParameterCountsGrowWithPositionsAndTiles()
    {
        var local = new LocallyConnected2d(3, 4, inputSize: 6, kernelSize: 3);
        // 4×4 positions · 4 filters · 3·3·3 weights, plus a bias per filter and position.
        Assert.Equal(16 * 4 * 27 + 4 * 16, local.ParameterCount());
        Assert.Equal(4 * 27 * 4 + 4, new TiledConv2d(3, 4, 3, tileSize: 2).ParameterCount());
        Assert.Equal(new Conv2d(3, 4, 3).ParameterCount(), new TiledConv2d(3, 4, 3, tileSize: 1).ParameterCount());
        double bound = 1 / Math.Sqrt(27);
        Assert.True(local.Weight.ToDoubleArray().All(w => Math.Abs(w) <= bound));
    }

    [Fact]
    public void GradientChecks()
    {
        ModuleGradCheck.Assert(new LocallyConnected2d(2, 2, inputSize: (4, 3), kernelSize: 2, stride: (2, 1), padding: 1,
            dtype: DType.Float64, generator: new Generator(7)), Rand.Normal(8, 2, 2, 4, 3));
        ModuleGradCheck.Assert(new TiledConv2d(2, 2, 2, tileSize: (2, 3), padding: "same", dtype: DType.Float64, generator: new Generator(9)),
            Rand.Normal(10, 1, 2, 3, 4));
    }

    [Fact]
    public void InputOfTheWrongSizeIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new LocallyConnected2d(1, 1, inputSize: 5, kernelSize: 3).Forward(Tensor.Zeros(1, 1, 6, 6)));
        Assert.Equal(
            "LocallyConnected2d: the weight [1, 3, 3, 1, 3, 3] has filters for a 3×3 output, but input shape [1, 1, 6, 6] gives 4×4.", error.Message);
    }
}
