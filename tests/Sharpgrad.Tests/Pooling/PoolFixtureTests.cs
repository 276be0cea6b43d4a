using Sharpgrad.NN;
using Sharpgrad.Tests.Convolution;

namespace Sharpgrad.Tests.Pooling;

/// <summary>Pooling against torch.nn.functional (Fixtures/conv_fixtures.json): outputs, switches and input gradients.</summary>
public class PoolFixtureTests
{
    [Fact]
    public void MaxPool2dThreeByThreeStrideTwoCeilMode()
    {
        var c = TorchCase.Load("max_pool2d_k3_s2_ceil");
        var (y, indices) = Functional.MaxPool2dWithIndices(c.Input("x"), 3, stride: 2, ceilMode: true);
        Assert.Equal(c.Expected("indices").ToArray<double>().Select(v => (long)v), indices.ToArray<long>());
        c.AssertMatches(y);
    }

    [Fact]
    public void MaxPool2dWithPaddingAndDilation()
    {
        var c = TorchCase.Load("max_pool2d_pad1_dil2");
        var (y, indices) = Functional.MaxPool2dWithIndices(c.Input("x"), (2, 3), stride: (1, 2), padding: 1, dilation: 2);
        Assert.Equal(c.Expected("indices").ToArray<double>().Select(v => (long)v), indices.ToArray<long>());
        c.AssertMatches(y);
    }

    [Fact]
    public void MaxPool1dOverlapping()
    {
        var c = TorchCase.Load("max_pool1d_k2_s1");
        var (y, indices) = Functional.MaxPool1dWithIndices(c.Input("x"), 2, stride: 1);
        Assert.Equal(c.Expected("indices").ToArray<double>().Select(v => (long)v), indices.ToArray<long>());
        c.AssertMatches(y);
    }

    [Fact]
    public void AvgPool2dCountingPaddingInCeilMode()
    {
        var c = TorchCase.Load("avg_pool2d_k3_s2_pad1_ceil");
        c.AssertMatches(Functional.AvgPool2d(c.Input("x"), 3, stride: 2, padding: 1, ceilMode: true));
    }

    [Fact]
    public void AvgPool2dExcludingPaddingInCeilMode()
    {
        var c = TorchCase.Load("avg_pool2d_exclude_pad_ceil");
        c.AssertMatches(Functional.AvgPool2d(c.Input("x"), (3, 2), stride: 2, padding: 1, ceilMode: true, countIncludePad: false));
    }

    [Fact]
    public void LPPool2dWithPTwo()
    {
        var c = TorchCase.Load("lp_pool2d_p2");
        c.AssertMatches(Functional.LPPool2d(c.Input("x"), 2, 2, stride: (2, 3)));
    }

    [Fact]
    public void AdaptiveAvgPool2dOnOddSizes()
    {
        var c = TorchCase.Load("adaptive_avg_pool2d_7x9_to_3x4");
        c.AssertMatches(Functional.AdaptiveAvgPool2d(c.Input("x"), (3, 4)));
    }

    [Fact]
    public void AdaptiveMaxPool2dOnOddSizes()
    {
        var c = TorchCase.Load("adaptive_max_pool2d_7x9_to_3x4");
        var (y, indices) = Functional.AdaptiveMaxPool2d(c.Input("x"), (3, 4));
        Assert.Equal(c.Expected("indices").ToArray<double>().Select(v => (long)v), indices.ToArray<long>());
        c.AssertMatches(y);
    }

    [Fact]
    public void MaxUnpool2dWithExplicitOutputSize()
    {
        var c = TorchCase.Load("max_unpool2d");
        c.AssertMatches(Functional.MaxUnpool2d(c.Input("y"), c.LongInput("indices"), 2, stride: 2, outputSize: (6, 7)));
    }
}
