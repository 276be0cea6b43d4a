using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Models;

/// <summary>Parameter counts against torchvision and hand arithmetic; forward passes only on small inputs.</summary>
public sealed class ResNetTests
{
    [Fact]
    public void ResNet18And34MatchTorchvision()
    {
        Assert.Equal(11_689_512, ModelZoo.ResNet18().ParameterCount()); // torchvision.models.resnet18()
        Assert.Equal(21_797_672, ModelZoo.ResNet34().ParameterCount()); // torchvision.models.resnet34()
    }

    [Fact]
    public void ResNet50MatchesTorchvision() => Assert.Equal(25_557_032, ModelZoo.ResNet50().ParameterCount());

    [Fact]
    public void ResNet18RunsOnASmallImageWithTorchvisionsBlockNames()
    {
        var model = ModelZoo.ResNet18(classes: 5, generator: new Generator(0));
        Assert.Equal([2, 5], model.Forward(Tensor.Randn([2, 3, 32, 32], DType.Float32, new Generator(1))).Shape);
        var names = model.NamedParameters().Select(p => p.Name).ToHashSet();
        Assert.Contains("layer2.0.conv1.weight", names);
        Assert.Contains("layer2.0.downsample.0.weight", names); // the projection shortcut
        Assert.Contains("layer2.0.downsample.1.bias", names);
        Assert.DoesNotContain("layer1.0.downsample.0.weight", names); // layer1 keeps the shape: identity shortcut
    }

    [Fact]
    public void ResNet18SummaryNamesEveryLayerAsTorchvisionAndCountsAllFlops()
    {
        var summary = ModelZoo.ResNet18().Summary([1, 3, 224, 224]);
        Assert.All(summary.Layers, l => Assert.NotNull(l.Flops)); // no "?" row: blocks are summed from their layers
        Assert.Contains(summary.Layers, l => l.Name == "layer2.0.conv1" && l.OutputShape.SequenceEqual([1, 128, 28, 28]));
        Assert.Contains(summary.Layers, l => l.Name == "layer2.0.downsample.0");
        // The published figure: 1.82 G multiply-adds at 224×224 (ptflops; He et al. 2016, Table 1: 1.8·10⁹). The
        // convolutions and fc alone are 1.81 G; batch norm, ReLU, pooling and the biases add the rest.
        Assert.Equal(1.82, Math.Round(summary.TotalMultiplyAdds / 1e9, 2));
        Assert.Equal(2 * summary.TotalMultiplyAdds, summary.TotalFlops);
    }

    [Fact]
    public void ResNet50SummaryTotalsThePublishedMultiplyAdds()
    {
        // He et al. 2016, Table 1: ResNet-50 is 3.8·10⁹ FLOPs counted as multiply-adds of the convolutions; with batch
        // norm, ReLU and pooling, as torchvision and ptflops count it, 4.1 G.
        var summary = ModelZoo.ResNet50().Summary([1, 3, 224, 224]);
        Assert.False(summary.HasUncountedLayers);
        Assert.Equal(4.1, Math.Round(summary.TotalMultiplyAdds / 1e9, 1));
    }

    // CIFAR ResNet-20 (n = 3) by hand. Stem: 3·16·9 = 432 conv + 32 BN.
    // Stage 1: 3 blocks · (2·16·16·9 + 2·32) = 3·4672 = 14,016.
    // Stage 2: (16·32·9 + 32·32·9 + 2·64) + 2·(2·32·32·9 + 2·64) = 13,952 + 37,120 = 51,072.
    // Stage 3: (32·64·9 + 64·64·9 + 2·128) + 2·(2·64·64·9 + 2·128) = 55,552 + 147,968 = 203,520.
    // fc 64·10+10 = 650. Option A total 269,722; option B adds 16·32 + 64 and 32·64 + 128 = 2752 → 272,474.
    private const long ResNet20OptionA = 432 + 32 + 14_016 + 51_072 + 203_520 + 650;

    [Fact]
    public void CifarResNet20CountsFollowTheArithmeticForBothShortcutOptions()
    {
        Assert.Equal(269_722, ResNet20OptionA);
        Assert.Equal(ResNet20OptionA, ModelZoo.ResNet20().ParameterCount());
        Assert.Equal(ResNet20OptionA + 16 * 32 + 2 * 32 + 32 * 64 + 2 * 64, ModelZoo.ResNet20(shortcut: ShortcutOption.B).ParameterCount());
        Assert.Equal(272_474, ModelZoo.ResNet20(shortcut: ShortcutOption.B).ParameterCount());
    }

    [Fact]
    public void CifarResNet56HasSixMoreBlocksPerStage()
    {
        // n = 9: each stage gains 6 blocks of 2·c·c·9 + 4c parameters (c = 16, 32, 64).
        long extra = 6 * (4672 + 18_560 + 73_984);
        Assert.Equal(ResNet20OptionA + extra, ModelZoo.ResNet56().ParameterCount());
        Assert.Equal(853_018, ModelZoo.ResNet56().ParameterCount());
    }

    [Fact]
    public void ResNet20MapsCifarImagesToLogitsAndDownsamplesTwice()
    {
        var model = ModelZoo.ResNet20(generator: new Generator(0));
        var summary = model.Summary([1, 3, 32, 32]);
        Assert.Equal([1, 10], summary.OutputShape);
        Assert.Equal([1, 64, 8, 8], summary.Layers.Single(l => l.Name == "layer3.2").OutputShape);
        Assert.Equal(0, new ZeroPadShortcut(16, 32, 2).ParameterCount());
    }

    [Fact]
    public void ZeroPadShortcutSubsamplesAndPadsChannelsWithZeros()
    {
        var x = Tensor.Arange(2 * 4 * 4).Reshape(1, 2, 4, 4).Float();
        var y = new ZeroPadShortcut(2, 4, 2).Forward(x);
        Assert.Equal([1, 4, 2, 2], y.Shape);
        // Channel 0 and 3 are the new zero channels; channel 1 is input channel 0 at even positions: 0, 2, 8, 10.
        Assert.Equal([0f, 0, 0, 0, 0, 2, 8, 10, 16, 18, 24, 26, 0, 0, 0, 0], y.ToArray<float>());
    }

    [Fact]
    public void ZeroPadShortcutGradientIsTheSubsamplingAdjoint()
    {
        GradCheck.Assert(x => new ZeroPadShortcut(2, 4, 2).Forward(x[0]), Tensor.Randn([1, 2, 3, 3], DType.Float64, new Generator(2)).RequireGrad());
    }

    [Fact]
    public void PreActivationCifarResNetMovesTheBatchNorms()
    {
        // Same convolutions and fc as ResNet-20. The stem BN(16) goes (−32) and a final BN(64) comes (+128); the first
        // block of stages 2 and 3 normalises its 16- and 32-channel input instead of a 32- and 64-channel output (−32, −64).
        var model = ModelZoo.CifarResNet(20, block: ResidualBlockKind.PreActivation);
        Assert.Equal(ResNet20OptionA - 32 + 128 - 32 - 64, model.ParameterCount());
        Assert.Equal([2, 10], model.Forward(Tensor.Zeros(2, 3, 32, 32)).Shape);
    }

    [Fact]
    public void BlocksAreGradientChecked()
    {
        // Train-mode batch norm inside: the check covers the batch-statistics path, for the input and every parameter.
        var gen = new Generator(3);
        const DType F64 = DType.Float64;
        var projection = new Sequential(new Conv2d(2, 4, 1, stride: 2, bias: false, dtype: F64, generator: gen), new BatchNorm2d(4, dtype: F64));
        Module<Tensor, Tensor>[] blocks =
        [
            new BasicBlock(2, 2, dtype: F64, generator: gen),
            new Bottleneck(2, 1, stride: 2, shortcut: projection, dtype: F64, generator: gen),
            new PreActBlock(2, 4, stride: 2, shortcut: new ZeroPadShortcut(2, 4, 2), dtype: F64, generator: gen),
        ];
        foreach (var block in blocks)
            ModuleGradCheck.Assert(block, Tensor.Randn([2, 2, 4, 4], F64, gen));
    }

    [Fact]
    public void BadDepthsAreRejected()
    {
        Assert.Contains("6n + 2", Assert.Throws<ArgumentException>(() => ModelZoo.CifarResNet(21)).Message);
        Assert.Contains("blocks per stage", Assert.Throws<ArgumentException>(() => ModelZoo.ResNet(ResidualBlockKind.Basic, [2, 0])).Message);
    }
}
