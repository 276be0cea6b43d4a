using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Models;

public sealed class DenseNetTests
{
    /// <summary>A dense layer on c channels: BN 2c + 1×1 conv c·4k + BN 2·4k + 3×3 conv 4k·k·9.</summary>
    private static long DenseLayerParameters(long c, long k) => 2 * c + c * 4 * k + 2 * 4 * k + 4 * k * k * 9;

    [Fact]
    public void DenseNetBC100HasTheHandDerivedCount()
    {
        // k = 12, n = 16 layers per block. Stem conv 3·24·9 = 648; blocks start at 24, 108, 150 channels and end
        // 192 wider; transitions 216 → 108 and 300 → 150 (BN 2c + conv c·c/2); final BN 2·342 and fc 342·10 + 10.
        long expected = 3 * 24 * 9;
        foreach (var start in (int[])[24, 108, 150])
            for (int i = 0; i < 16; i++)
                expected += DenseLayerParameters(start + 12 * i, 12);
        expected += 2 * 216 + 216 * 108 + 2 * 300 + 300 * 150 + 2 * 342 + 342 * 10 + 10;

        Assert.Equal(769_162, expected); // the paper's "0.8M"
        Assert.Equal(expected, ModelZoo.DenseNetBC(100, 12).ParameterCount());
    }

    [Fact]
    public void SmallDenseNetRunsAndGrowsTheChannels()
    {
        var model = ModelZoo.DenseNetBC(depth: 10, growthRate: 4, generator: new Generator(0)); // one layer per block
        var summary = model.Summary([1, 3, 32, 32]);
        Assert.Equal([1, 8 + 4, 32, 32], summary.Layers.Single(l => l.Name == "features.denseblock1.denselayer1").OutputShape);
        Assert.Equal([1, 6, 16, 16], summary.Layers.Single(l => l.Name == "features.transition1").OutputShape); // ⌊0.5·12⌋ channels, halved
        Assert.Equal([1, 10], summary.OutputShape);
    }

    [Fact]
    public void DenseLayerAndTransitionAreGradientChecked()
    {
        var gen = new Generator(4);
        ModuleGradCheck.Assert(new DenseLayer(2, 1, DType.Float64, gen), Tensor.Randn([2, 2, 3, 3], DType.Float64, gen));
        ModuleGradCheck.Assert(new Transition(2, 1, DType.Float64, gen), Tensor.Randn([2, 2, 4, 4], DType.Float64, gen));
    }

    [Fact]
    public void BadDepthIsRejected() =>
        Assert.Contains("6n + 4", Assert.Throws<ArgumentException>(() => ModelZoo.DenseNetBC(depth: 50)).Message);
}
