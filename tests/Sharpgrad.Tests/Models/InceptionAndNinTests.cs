using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Tests.NN;

namespace Sharpgrad.Tests.Models;

public sealed class InceptionAndNinTests
{
    [Fact]
    public void InceptionOutputChannelsAreTheSumOfTheBranches()
    {
        var module = new InceptionModule(8, 4, 3, 5, 2, 3, 6, generator: new Generator(0));
        Assert.Equal(4 + 5 + 3 + 6, module.OutChannels);
        Assert.Equal([2, 18, 7, 7], module.Forward(Tensor.Randn([2, 8, 7, 7], DType.Float32, new Generator(1))).Shape);
    }

    [Fact]
    public void GoogLeNetInception3aHasTheHandDerivedCount()
    {
        // 192→64 1×1, 192→96 → 128 3×3, 192→16 → 32 5×5, pool → 192→32 1×1 (Szegedy et al. 2015, Table 1), with biases.
        long expected = (192 * 64 + 64) + (192 * 96 + 96) + (96 * 128 * 9 + 128) + (192 * 16 + 16) + (16 * 32 * 25 + 32) + (192 * 32 + 32);
        var module = new InceptionModule(192, 64, 96, 128, 16, 32, 32);
        Assert.Equal(expected, module.ParameterCount());
        Assert.Equal(256, module.OutChannels);
    }

    [Fact]
    public void InceptionModuleIsGradientChecked()
    {
        var gen = new Generator(2);
        ModuleGradCheck.Assert(new InceptionModule(2, 1, 1, 2, 1, 1, 1, DType.Float64, gen), Tensor.Randn([1, 2, 5, 5], DType.Float64, gen));
    }

    [Fact]
    public void NinHasTheHandDerivedCountAndOneMapPerClass()
    {
        // mlpconv1 5×5 192, 1×1 160, 1×1 96; mlpconv2 5×5 192, 1×1 192, 1×1 192; mlpconv3 3×3 192, 1×1 192, 1×1 10.
        long expected = (3 * 192 * 25 + 192) + (192 * 160 + 160) + (160 * 96 + 96)
                      + (96 * 192 * 25 + 192) + 2 * (192 * 192 + 192)
                      + (192 * 192 * 9 + 192) + (192 * 192 + 192) + (192 * 10 + 10);
        Assert.Equal(966_986, expected);
        var model = ModelZoo.Nin(generator: new Generator(0));
        Assert.Equal(expected, model.ParameterCount());
        Assert.Empty(model.OfType<Linear>()); // global average pooling instead of a fully connected classifier
        Assert.Equal([1, 10], model.Forward(Tensor.Randn([1, 3, 32, 32], DType.Float32, new Generator(1))).Shape);
    }

    [Fact]
    public void BudumaNetworksHaveTheHandDerivedCounts()
    {
        // MNIST: 32·25+32, 64·32·25+64, 7·7·64·1024+1024, 1024·10+10.
        Assert.Equal(832 + 51_264 + 3_212_288 + 10_250, ModelZoo.BudumaMnistCnn().ParameterCount());
        // CIFAR with BN (no bias before a BN): convs 64·3·25 + 128, 64·64·25 + 128; fc 4096·384 + 768, 384·192 + 384, 192·10+10.
        Assert.Equal(4800 + 128 + 102_400 + 128 + 1_572_864 + 768 + 73_728 + 384 + 1930, ModelZoo.BudumaCifarCnn().ParameterCount());
        // Without BN: biases instead of the BN's γ and β, i.e. −64 −64 −384 −192.
        Assert.Equal(1_757_130 - 704, ModelZoo.BudumaCifarCnn(batchNorm: false).ParameterCount());
    }

    [Fact]
    public void BudumaNetworksMapImagesToLogits()
    {
        Assert.Equal([2, 10], ModelZoo.BudumaMnistCnn().Forward(Tensor.Zeros(2, 1, 28, 28)).Shape);
        var cifar = ModelZoo.BudumaCifarCnn(inputSize: 24);
        Assert.Equal([2, 10], cifar.Forward(Tensor.Randn([2, 3, 24, 24], DType.Float32, new Generator(0))).Shape);
    }
}
