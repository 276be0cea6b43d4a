using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Tests.Training;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Regularization;

/// <summary>Noise injection on inputs and weights, GBC §7.4–7.5.</summary>
public class NoiseTests
{
    [Fact]
    public void GaussianNoiseHasTheRequestedSpreadWhileTrainingAndNoneInEval()
    {
        const double sigma = 0.3;
        const int n = 100_000;
        var layer = new GaussianNoise(sigma, new Generator(4));
        var x = Tensor.Full([n], 2.0, DType.Float64);
        var noise = (layer.Forward(x) - x).ToArray<double>();

        // Mean 0 ± 4σ/√n, and sample variance σ² ± 4·σ²·√(2/n) (the variance of a normal sample variance).
        Assert.InRange(noise.Average(), -4 * sigma / Math.Sqrt(n), 4 * sigma / Math.Sqrt(n));
        double variance = noise.Select(v => v * v).Average();
        Assert.InRange(variance, sigma * sigma * (1 - 4 * Math.Sqrt(2.0 / n)), sigma * sigma * (1 + 4 * Math.Sqrt(2.0 / n)));

        layer.Eval();
        Assert.Same(x, layer.Forward(x));
    }

    [Fact]
    public void WeightNoisePerturbsTheGradientButRestoresTheWeightsExactly()
    {
        var data = SmallProblems.Blobs(10, seed: 1);
        var model = SmallProblems.Mlp(seed: 3);
        var before = SmallProblems.Bits(model);
        var cleanLoss = SmallProblems.CrossEntropy(model.Forward(data.Inputs), data.Targets);
        var cleanGradient = Autograd.Grad([cleanLoss], [((Linear)model[0]).Weight])[0];
        Tensor? noisyGradient = null;
        var capture = new LambdaCallback { BackwardEnd = c => noisyGradient = ((Linear)((Sequential)c.Model)[0]).Weight.Grad!.Clone() };

        // lr = 0: the step changes nothing, so any change to the weights would come from the noise not being undone.
        new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0), data, epochs: 1, batchSize: 10,
            callbacks: [new WeightNoise(0.5), capture]);

        Assert.Equal(before, SmallProblems.Bits(model));
        Assert.False(noisyGradient!.AllClose(cleanGradient, 1e-3, 1e-4)); // the gradient was taken at w + ε
    }
}
