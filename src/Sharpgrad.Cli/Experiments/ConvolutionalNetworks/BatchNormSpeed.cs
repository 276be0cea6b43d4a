using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One network's test accuracy after every <c>every</c> mini-batches, and the first step at which it reached the threshold (null if never).</summary>
public sealed record AccuracyCurve(string Label, long[] Steps, double[] Accuracy, double Threshold, long? StepsToThreshold);

/// <summary>
/// Buduma ch5 (and Ioffe &amp; Szegedy 2015; GBC §8.7.1): the same small CNN on side×side images (8×8 digits in the
/// quick mode, 28×28 Fashion-MNIST in the full one), conv 3×3×8 → pool → 8·(side/2)²→32→10, trained with and without batch normalisation (BatchNorm2d after the convolution, BatchNorm1d after the
/// hidden linear layer, before each ReLU) by plain SGD at the same learning rate and on the same mini-batches. The test
/// accuracy is measured every few mini-batches; the claim is that the normalised network reaches a given accuracy in
/// fewer steps.
/// </summary>
public static class BatchNormSpeed
{
    public const int BatchSize = 32;
    public const double LearningRate = 0.05;

    /// <summary>The images of the quick mode: 1,000 of the bundled digits to train on, the other 797 to test on.</summary>
    public static ExperimentImages QuickData(int seed) => ExperimentImages.Digits(1000 / 1797.0, seed);

    /// <summary>
    /// The images of the full mode: all 60,000 Fashion-MNIST training images (1,500 steps of 32 see 48,000 of them,
    /// so no image twice) and the first 2,000 test images (measured 60 times per network, so kept to a fifth).
    /// </summary>
    public static ExperimentImages FullData() => ExperimentImages.FashionMnist(trainSize: 60_000, testSize: 2_000);

    /// <summary>The CNN for <paramref name="side"/>×<paramref name="side"/> images (side even), with or without batch normalisation.</summary>
    public static Sequential Network(bool batchNorm, Generator generator, int side = 8)
    {
        if (side < 2 || side % 2 != 0) throw new ArgumentOutOfRangeException(nameof(side), $"BatchNormSpeed.Network: the image side must be even and at least 2, got {side}.");
        var layers = new List<Module<Tensor, Tensor>> { new Conv2d(1, 8, 3, padding: 1, generator: generator) };
        if (batchNorm) layers.Add(new BatchNorm2d(8));
        layers.AddRange([new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8 * (side / 2) * (side / 2), 32, generator: generator)]);
        if (batchNorm) layers.Add(new BatchNorm1d(32));
        layers.AddRange([new ReLU(), new Linear(32, 10, generator: generator)]);
        return new Sequential([.. layers]);
    }

    /// <summary>Both networks, from the same seed's initial weights (where they share layers) and shuffles.</summary>
    /// <remarks><paramref name="threshold"/> is the test accuracy whose first crossing is reported (0.9 suits digits, 0.8 Fashion-MNIST).</remarks>
    public static IReadOnlyList<AccuracyCurve> Run(ExperimentImages data, int steps, int every, double threshold, int seed = 0)
    {
        if (steps < 1 || every < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"BatchNormSpeed: steps and every must be at least 1, got {steps} and {every}.");
        if (threshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(threshold), $"BatchNormSpeed: the accuracy threshold must be in (0, 1], got {threshold}.");
        return [Train("without batch norm", false, data, steps, every, threshold, seed), Train("with batch norm", true, data, steps, every, threshold, seed)];
    }

    private static AccuracyCurve Train(string label, bool batchNorm, ExperimentImages data, int steps, int every, double threshold, int seed)
    {
        var (train, test) = (data.Train, data.Test);
        var model = Network(batchNorm, new Generator(seed), data.Side);
        var optimizer = new SGD(model.Parameters(), lr: LearningRate);
        var (marks, accuracy) = (new List<long>(), new List<double>());
        long step = 0;
        for (int epoch = 0; step < steps; epoch++)
            foreach (var (x, y) in new DataLoader(train, batchSize: BatchSize, shuffle: true, seed: seed * 1000 + epoch))
            {
                model.Train();
                var loss = Losses.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
                if (++step % every == 0)
                {
                    marks.Add(step);
                    accuracy.Add(Metrics.Accuracy(model, test));
                }
                if (step >= steps) break;
            }
        int first = accuracy.FindIndex(a => a >= threshold);
        return new AccuracyCurve(label, [.. marks], [.. accuracy], threshold, first < 0 ? null : marks[first]);
    }
}
