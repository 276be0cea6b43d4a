using Sharpgrad.Models;
using Sharpgrad.NN;
using Sharpgrad.Onnx;
using static Sharpgrad.Tests.Onnx.OnnxParity;

namespace Sharpgrad.Tests.Onnx;

/// <summary>
/// Issue #18: a model exported by <see cref="OnnxExport.ExportOnnx"/> and run by ONNX Runtime (an independent
/// implementation) gives Sharpgrad's own eval-mode forward pass, to 1e-4 relative in float32 (plus 1e-5 absolute, for
/// outputs that are nearly zero, where the two libraries' different summation orders show most).
/// </summary>
public sealed class OnnxRuntimeParityTests
{
    [Fact]
    public void MlpMatchesOnnxRuntime() =>
        AssertParity(ModelZoo.Mlp(20, [32, 16], 10, new Generator(1)), Tensor.Randn([3, 20], generator: new Generator(2)));

    [Fact]
    public void LeNet5MatchesOnnxRuntime() =>
        AssertParity(ModelZoo.LeNet5(generator: new Generator(3)), Tensor.Randn([2, 1, 28, 28], generator: new Generator(4)));

    /// <summary>The other mappings: grouped, dilated, strided and "same"-padded convolution, batch norm with trained
    /// statistics, average pooling with padding, global pooling, tanh, sigmoid, dropout and softmax.</summary>
    [Fact]
    public void ConvolutionalLayersMatchOnnxRuntime()
    {
        var g = new Generator(5);
        var model = new Sequential(
            new Conv2d(3, 8, 3, padding: "same", dilation: 2, generator: g), new BatchNorm2d(8), new Tanh(),
            new Conv2d(8, 8, 3, stride: 2, padding: 1, groups: 4, bias: false, generator: g), new Sigmoid(),
            new AvgPool2d(3, stride: 2, padding: 1, countIncludePad: false), new Dropout(0.3, g),
            new Conv2d(8, 6, 1, generator: g), new ReLU(),
            new AdaptiveAvgPool2d(1), new Flatten(), new Linear(6, 4, generator: g), new Softmax(1));
        TrainBatchNormStatistics(model, [4, 3, 16, 16], g);
        AssertParity(model, Tensor.Randn([2, 3, 16, 16], generator: new Generator(6)));
    }

    /// <summary>Residual blocks (Add), strided 1×1 shortcuts, the max-pool stem and the flatten before fc.</summary>
    [Fact]
    public void ResNet18MatchesOnnxRuntime()
    {
        var g = new Generator(9);
        var model = ModelZoo.ResNet18(classes: 10, generator: g);
        TrainBatchNormStatistics(model, [2, 3, 64, 64], g);
        AssertParity(model, Tensor.Randn([1, 3, 64, 64], generator: new Generator(10)));
    }

    /// <summary>VGG-11 with batch norm, pooled to 1×1 so that 32×32 images fit (the adaptive pool is then global).</summary>
    [Fact]
    public void Vgg11MatchesOnnxRuntime()
    {
        var g = new Generator(11);
        var model = ModelZoo.Vgg("A", classes: 10, batchNorm: true, hidden: 64, pooledSize: 1, generator: g);
        TrainBatchNormStatistics(model, [2, 3, 32, 32], g);
        AssertParity(model, Tensor.Randn([2, 3, 32, 32], generator: new Generator(12)));
    }

    /// <summary>Bottleneck blocks (ResNet-50's) and pre-activation blocks, one stage each, with projection shortcuts.</summary>
    [Theory]
    [InlineData(ResidualBlockKind.Bottleneck)]
    [InlineData(ResidualBlockKind.PreActivation)]
    public void OtherResidualBlocksMatchOnnxRuntime(ResidualBlockKind kind)
    {
        var g = new Generator(13);
        var model = ModelZoo.ResNet(kind, [1, 1], classes: 5, generator: g);
        TrainBatchNormStatistics(model, [2, 3, 32, 32], g);
        AssertParity(model, Tensor.Randn([1, 3, 32, 32], generator: new Generator(14)), kind.ToString());
    }

    /// <summary>The CIFAR ResNet-20 with option-A shortcuts: strided Slice and channel Pad instead of a convolution.</summary>
    [Fact]
    public void CifarResNetWithZeroPadShortcutsMatchesOnnxRuntime()
    {
        var g = new Generator(15);
        var model = ModelZoo.ResNet20(classes: 10, shortcut: ShortcutOption.A, generator: g);
        TrainBatchNormStatistics(model, [2, 3, 16, 16], g);
        AssertParity(model, Tensor.Randn([2, 3, 16, 16], generator: new Generator(16)));
    }

    /// <summary>DenseNet-BC: dense layers (Concat), transitions and the pooled classifier.</summary>
    [Fact]
    public void DenseNetBCMatchesOnnxRuntime()
    {
        var g = new Generator(17);
        var model = ModelZoo.DenseNetBC(depth: 10, growthRate: 4, classes: 6, generator: g);
        TrainBatchNormStatistics(model, [2, 3, 16, 16], g);
        AssertParity(model, Tensor.Randn([2, 3, 16, 16], generator: new Generator(18)));
    }

    /// <summary>An Inception module's four branches, concatenated.</summary>
    [Fact]
    public void InceptionModuleMatchesOnnxRuntime()
    {
        var model = new Sequential(new InceptionModule(4, 3, 2, 3, 2, 2, 2, generator: new Generator(19)), new GlobalAvgPool());
        AssertParity(model, Tensor.Randn([2, 4, 8, 8], generator: new Generator(20)));
    }

    [Fact]
    public void GlobalAvgPoolAndLogSoftmaxMatchOnnxRuntime()
    {
        var g = new Generator(7);
        var model = new Sequential(
            new Conv2d(2, 5, 3, generator: g), new MaxPool2d(2, stride: 1, padding: 1), new GlobalAvgPool(),
            new Linear(5, 3, generator: g), new LogSoftmax(-1));
        AssertParity(model, Tensor.Randn([4, 2, 9, 9], generator: new Generator(8)));
    }

    [Fact]
    public void UnsupportedModuleIsNamedInTheError()
    {
        var model = new Sequential(new Linear(4, 4), new LocalResponseNorm(2));
        var error = Assert.Throws<NotSupportedException>(() => OnnxExport.ToOnnxBytes(model, Tensor.Randn(1, 4)));
        Assert.Contains("'1'", error.Message);
        Assert.Contains("LocalResponseNorm", error.Message);
    }
}
