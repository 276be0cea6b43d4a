using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Models;

public sealed class LeNetTests
{
    [Fact]
    public void LeNet5HasThePyTorchReferenceCountAndMapsMnistImagesToTenLogits()
    {
        var model = ModelZoo.LeNet5(generator: new Generator(0));
        // conv 6·25+6 = 156, conv 16·150+16 = 2416, fc 400·120+120 = 48,120, 120·84+84 = 10,164, 84·10+10 = 850.
        Assert.Equal(156 + 2416 + 48_120 + 10_164 + 850, model.ParameterCount());
        Assert.Equal(61_706, model.ParameterCount());

        var output = model.Forward(Tensor.Randn([2, 1, 28, 28], DType.Float32, new Generator(1)));
        Assert.Equal([2, 10], output.Shape);
    }

    [Fact]
    public void LeNet5LayerListMatchesTheBenchmarkReference()
    {
        // bench/pytorch_reference.py: Conv2d, ReLU, MaxPool2d, Conv2d, ReLU, MaxPool2d, Flatten, Linear, ReLU, Linear, ReLU, Linear.
        var types = ModelZoo.LeNet5().Select(m => m.GetType().Name);
        Assert.Equal(["Conv2d", "ReLU", "MaxPool2d", "Conv2d", "ReLU", "MaxPool2d", "Flatten", "Linear", "ReLU", "Linear", "ReLU", "Linear"], types);
        var names = ModelZoo.LeNet5().NamedParameters().Select(p => p.Name);
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias", "11.weight", "11.bias"], names);
    }

    [Fact]
    public void LeNet5AdaptsToChannelsAndClasses()
    {
        // Only the first conv (+2·6·25 weights for 3 channels) and the last layer (84·(100−10)+(100−10)) change.
        var model = ModelZoo.LeNet5(classes: 100, inChannels: 3);
        Assert.Equal(61_706 + 2 * 6 * 25 + 85 * 90, model.ParameterCount());
        Assert.Equal([1, 100], model.Forward(Tensor.Zeros(1, 3, 28, 28)).Shape);
    }

    [Fact]
    public void ClassificationChapterCnnHas2450Parameters()
    {
        var model = ModelZoo.ClassificationChapterCnn(new Generator(0));
        // BOOKS §6: conv 4·9+4 = 40, 64·32+32 = 2080, 32·10+10 = 330.
        Assert.Equal(40 + 2080 + 330, model.ParameterCount());
        Assert.Equal([3, 10], model.Forward(Tensor.Zeros(3, 1, 8, 8)).Shape);
    }

    [Fact]
    public void MlpCountsMatchTheClassificationChapter()
    {
        Assert.Equal(64 * 32 + 32 + 32 * 10 + 10, ModelZoo.Mlp(64, [32], 10).ParameterCount()); // 2410, CLS §3
        Assert.Equal(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, ModelZoo.Mlp(784, [256, 128], 10).ParameterCount());
        Assert.Equal(5 * 3 + 3, ModelZoo.Mlp(5, [], 3).ParameterCount()); // no hidden layer: logistic regression
        Assert.Equal([4, 3], ModelZoo.Mlp(5, [7], 3).Forward(Tensor.Zeros(4, 5)).Shape);
    }

    [Fact]
    public void NonPositiveSizesAreRejectedWithTheModelNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelZoo.LeNet5(classes: 0));
        Assert.Contains("LeNet5", e.Message);
        Assert.Contains("classes", e.Message);
        Assert.Contains("Mlp", Assert.Throws<ArgumentException>(() => ModelZoo.Mlp(4, [3, 0], 2)).Message);
    }

    [Fact]
    public void LeNet5SummaryShowsEveryLayer()
    {
        var summary = ModelZoo.LeNet5().Summary([1, 1, 28, 28]);
        Assert.Equal(12, summary.Layers.Count);
        Assert.Equal([1, 16, 5, 5], summary.Layers[5].OutputShape);
        Assert.Equal(61_706, summary.TotalParameters);
    }
}
