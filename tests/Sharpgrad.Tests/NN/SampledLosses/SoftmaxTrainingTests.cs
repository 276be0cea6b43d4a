using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.SampledLosses;

/// <summary>The one-argument choice of output loss: each choice is the loss it names, with the noise drawn from the generator it is given.</summary>
public class SoftmaxTrainingTests
{
    private static readonly NoiseDistribution Noise = NoiseDistribution.Unigram([5, 1, 3, 2, 8]);

    private static (Tensor Hidden, Linear Output, Tensor Targets) Layer(bool bias = true) =>
        (Tensor.Randn([4, 3], DType.Float64, new Generator(1)), new Linear(3, 5, bias: bias, dtype: DType.Float64, generator: new Generator(2)),
         Tensor.From(new long[] { 0, 4, 2, 2 }));

    [Fact]
    public void EachChoiceIsTheLossItNames()
    {
        var (h, output, y) = Layer();
        var bias = output.Bias!;
        Assert.Equal(Losses.CrossEntropy(output.Forward(h), y).Item(), SoftmaxTraining.Full.Loss(h, output, y, new Generator(0)).Item(), 14);
        // The same seed draws the same 6 classes inside Loss as here.
        var drawn = Noise.Draw(6, new Generator(9));
        Assert.Equal(Losses.Nce(h, output.Weight, bias, y, drawn).Item(), SoftmaxTraining.Nce(Noise, 6).Loss(h, output, y, new Generator(9)).Item(), 14);
        Assert.Equal(Losses.SampledSoftmax(h, output.Weight, bias, y, drawn).Item(),
            SoftmaxTraining.SampledSoftmax(Noise, 6).Loss(h, output, y, new Generator(9)).Item(), 14);
        Assert.Equal("NCE (k = 6)", SoftmaxTraining.Nce(Noise, 6).ToString());
    }

    [Fact]
    public void ASampledLossNeedsABiasAndSamples()
    {
        var (h, output, y) = Layer(bias: false);
        var error = Assert.Throws<ArgumentException>(() => SoftmaxTraining.Nce(Noise, 4).Loss(h, output, y, new Generator(0)));
        Assert.Contains("bias", error.Message);
        Assert.Throws<ArgumentException>(() => SoftmaxTraining.SampledSoftmax(Noise, 0));
    }
}
