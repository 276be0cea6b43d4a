using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Models;

public sealed class VggTests
{
    // Conv parameters per configuration, c·c'·k² + c' per conv (Simonyan & Zisserman 2015, Table 1):
    // A: 1792 + 73,856 + 295,168 + 590,080 + 1,180,160 + 3·2,359,808 = 9,220,480.
    private const long ConvA = 1792 + 73_856 + 295_168 + 590_080 + 1_180_160 + 3 * 2_359_808;
    // B adds a 64→64 (36,928) and a 128→128 (147,584) conv to A.
    private const long ConvB = ConvA + 36_928 + 147_584;
    // C adds to B one 1×1 256→256 (65,792) and two 1×1 512→512 (262,656 each).
    private const long ConvC = ConvB + 65_792 + 2 * 262_656;
    // D adds to B one 3×3 256→256 (590,080) and two 3×3 512→512 (2,359,808 each) = 14,714,688.
    private const long ConvD = ConvB + 590_080 + 2 * 2_359_808;
    // E adds three more of the same to D.
    private const long ConvE = ConvD + 590_080 + 2 * 2_359_808;

    /// <summary>The classifier Linear(512·s², h) → Linear(h, h) → Linear(h, classes).</summary>
    private static long Classifier(int side, int hidden, int classes) =>
        (512L * side * side + 1) * hidden + (hidden + 1L) * hidden + (hidden + 1L) * classes;

    [Fact]
    public void Vgg16MatchesTorchvisionAt224()
    {
        Assert.Equal(14_714_688, ConvD);
        Assert.Equal(138_357_544, ConvD + Classifier(7, 4096, 1000)); // torchvision vgg16
        // Building the 138M parameters takes seconds; a narrow classifier shows the pooled 512·7·7 features instead.
        var model = ModelZoo.Vgg("D", classes: 1000, hidden: 8);
        Assert.Equal(ConvD + Classifier(7, 8, 1000), model.ParameterCount());
        Assert.Equal(512 * 7 * 7, ((Linear)model.Classifier[0]).InFeatures);
    }

    [Theory]
    [InlineData("A", ConvA)]
    [InlineData("B", ConvB)]
    [InlineData("C", ConvC)]
    [InlineData("D", ConvD)]
    [InlineData("E", ConvE)]
    public void EveryConfigurationHasItsConvolutionCount(string configuration, long convolutions)
    {
        // A small classifier keeps the test fast; the convolutional part is the full network.
        var model = ModelZoo.Vgg(configuration, classes: 10, hidden: 8, pooledSize: 1);
        Assert.Equal(convolutions + Classifier(1, 8, 10), model.ParameterCount());
    }

    [Fact]
    public void TheTorchvisionTotalsFollow()
    {
        // torchvision vgg11 / vgg13 / vgg19 at 224 and 1000 classes.
        long classifier = Classifier(7, 4096, 1000);
        Assert.Equal(132_863_336, ConvA + classifier);
        Assert.Equal(133_047_848, ConvB + classifier);
        Assert.Equal(143_667_240, ConvE + classifier);
    }

    [Fact]
    public void BatchNormAddsTwoParametersPerChannelOfEveryConvolution()
    {
        // vgg11_bn: 64 + 128 + 2·256 + 4·512 = 2752 channels → +5504 (torchvision: 132,868,840 − 132,863,336).
        var plain = ModelZoo.Vgg("A", classes: 10, hidden: 8, pooledSize: 1).ParameterCount();
        var bn = ModelZoo.Vgg("A", classes: 10, hidden: 8, pooledSize: 1, batchNorm: true).ParameterCount();
        Assert.Equal(5504, bn - plain);
    }

    [Fact]
    public void VggOnCifarSizedInputGivesLogits()
    {
        var model = ModelZoo.Vgg("A", classes: 10, hidden: 16, batchNorm: true, pooledSize: 1, generator: new Generator(0));
        Assert.Equal([2, 10], model.Forward(Tensor.Randn([2, 3, 32, 32], DType.Float32, new Generator(1))).Shape);
        // torchvision's 7×7 grid takes the same image: its 1×1 map is repeated, so the classifier sees 512·49 inputs.
        var torchvisionLayout = ModelZoo.Vgg("A", classes: 10, hidden: 16, generator: new Generator(0));
        Assert.Equal([2, 10], torchvisionLayout.Forward(Tensor.Randn([2, 3, 32, 32], DType.Float32, new Generator(1))).Shape);
    }

    [Fact]
    public void BadConfigurationsAreRejected()
    {
        Assert.Contains("A, B, C, D, E", Assert.Throws<ArgumentException>(() => ModelZoo.Vgg("F")).Message);
        Assert.Contains("pooledSize", Assert.Throws<ArgumentException>(() => ModelZoo.Vgg("A", pooledSize: 0)).Message);
    }
}
