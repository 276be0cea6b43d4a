using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN;

/// <summary>The module forms of issue #10's functions: same values as the functions, PyTorch's names and defaults.</summary>
public class NewLayerTests
{
    public static TheoryData<string> ActivationNames =>
        ["GELU", "GELU tanh", "SiLU", "Mish", "Hardswish", "Hardsigmoid", "ReLU6", "SELU", "CELU", "Softsign", "Tanhshrink", "Hardshrink", "Softshrink", "GLU", "Softmin"];

    private static (Module<Tensor, Tensor> Layer, Func<Tensor, Tensor> Function) Pair(string name) => name switch
    {
        "GELU" => (new GELU(), x => Functional.Gelu(x)),
        "GELU tanh" => (new GELU("tanh"), x => Functional.Gelu(x, "tanh")),
        "SiLU" => (new SiLU(), Functional.Silu),
        "Mish" => (new Mish(), Functional.Mish),
        "Hardswish" => (new Hardswish(), Functional.Hardswish),
        "Hardsigmoid" => (new Hardsigmoid(), Functional.Hardsigmoid),
        "ReLU6" => (new ReLU6(), Functional.Relu6),
        "SELU" => (new SELU(), Functional.Selu),
        "CELU" => (new CELU(0.5), x => Functional.Celu(x, 0.5)),
        "Softsign" => (new Softsign(), Functional.Softsign),
        "Tanhshrink" => (new Tanhshrink(), Functional.Tanhshrink),
        "Hardshrink" => (new Hardshrink(0.3), x => Functional.Hardshrink(x, 0.3)),
        "Softshrink" => (new Softshrink(0.3), x => Functional.Softshrink(x, 0.3)),
        "GLU" => (new GLU(1), x => Functional.Glu(x, 1)),
        "Softmin" => (new Softmin(0), x => Functional.Softmin(x, 0)),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void ActivationLayersComputeTheirFunctionAndAreCountedBySummary(string name)
    {
        var (layer, function) = Pair(name);
        var x = Tensor.Randn([3, 4], DType.Float64, new Generator(1)) * 3;
        Assert.True(layer.Forward(x).AllClose(function(x), 0, 0));
        Assert.Empty(layer.Parameters());
        var summary = layer.Summary([3, 4], DType.Float64);
        Assert.False(summary.HasUncountedLayers);
    }

    [Fact]
    public void SomeActivationValuesByHand()
    {
        var x = Tensor.From(new[] { -4.0, -1.0, 0.0, 2.0, 7.0 });
        Assert.Equal([0.0, 0, 0, 2, 6], new ReLU6().Forward(x).ToDoubleArray());
        Assert.Equal([-4.0 / 5, -0.5, 0, 2.0 / 3, 7.0 / 8], new Softsign().Forward(x).ToDoubleArray());
        Assert.Equal([-4.0, -1, 0, 2, 7], new Hardshrink(0.5).Forward(x).ToDoubleArray());
        Assert.Equal([-3.5, -0.5, 0, 1.5, 6.5], new Softshrink(0.5).Forward(x).ToDoubleArray());
        // hardswish(x) = x·relu6(x + 3)/6: −4 → 0, −1 → −1/3, 2 → 5/3, 7 → 7.
        var hardswish = new Hardswish().Forward(x).ToDoubleArray();
        double[] expected = [0, -1.0 / 3, 0, 5.0 / 3, 7];
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], hardswish[i], 1e-15);
    }

    [Fact]
    public void InstanceNormHasPyTorchsDefaultsAndNames()
    {
        Assert.Empty(new InstanceNorm2d(3).StateDict());   // affine = false, track_running_stats = false
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"],
            new InstanceNorm1d(3, affine: true, trackRunningStats: true).StateDict().Keys);

        // Every (example, channel) plane is standardised on its own: mean 0, biased variance 1 (up to eps).
        var x = Tensor.Randn([2, 3, 4, 5], DType.Float64, new Generator(2)) * 5 + 2;
        var y = new InstanceNorm2d(3, dtype: DType.Float64).Forward(x);
        Assert.True(y.Mean([2, 3]).AllClose(Tensor.Zeros([2, 3], DType.Float64), 0, 1e-12));
        Assert.True(y.Var([2, 3], unbiased: false).AllClose(Tensor.Ones([2, 3], DType.Float64), 0, 1e-5));

        // With running statistics, evaluation mode normalises with them: fresh ones are mean 0, variance 1.
        var tracking = new InstanceNorm2d(3, trackRunningStats: true, dtype: DType.Float64).Eval();
        Assert.True(tracking.Forward(x).AllClose(x / Math.Sqrt(1 + 1e-5), 1e-12, 1e-12));
        Assert.Throws<ArgumentException>(() => new InstanceNorm2d(3).Forward(Tensor.Zeros(2, 3, 4)));
    }

    [Fact]
    public void PixelShuffleLayersRoundTrip()
    {
        var x = Tensor.Arange(2 * 8 * 3 * 3).Reshape(2, 8, 3, 3).Float();
        var up = new PixelShuffle(2).Forward(x);
        Assert.Equal([2, 2, 6, 6], up.Shape);
        Assert.True(new PixelUnshuffle(2).Forward(up).AllClose(x, 0, 0));
        Assert.Equal("PixelShuffle(upscale_factor=2)", new PixelShuffle(2).ToString());
    }
}
