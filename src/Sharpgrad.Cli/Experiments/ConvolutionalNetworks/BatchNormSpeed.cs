using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One network's test accuracy after every <c>every</c> mini-batches, and the first step at which it reached the threshold (null if never).</summary>
public sealed record AccuracyCurve(string Label, long[] Steps, double[] Accuracy, long? StepsToThreshold);

/// <summary>
/// Buduma ch5 (and Ioffe &amp; Szegedy 2015; GBC §8.7.1): the same small CNN on 8×8 digit images, conv 3×3×8 → pool →
/// 128→32→10, trained with and without batch normalisation (BatchNorm2d after the convolution, BatchNorm1d after the
/// hidden linear layer, before each ReLU) by plain SGD at the same learning rate and on the same mini-batches. The test
/// accuracy is measured every few mini-batches; the claim is that the normalised network reaches a given accuracy in
/// fewer steps.
/// </summary>
public static class BatchNormSpeed
{
    public const int TrainSize = 1000, BatchSize = 32;
    public const double LearningRate = 0.05, Threshold = 0.9;

    public static Sequential Network(bool batchNorm, Generator generator)
    {
        var layers = new List<Module<Tensor, Tensor>> { new Conv2d(1, 8, 3, padding: 1, generator: generator) };
        if (batchNorm) layers.Add(new BatchNorm2d(8));
        layers.AddRange([new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8 * 4 * 4, 32, generator: generator)]);
        if (batchNorm) layers.Add(new BatchNorm1d(32));
        layers.AddRange([new ReLU(), new Linear(32, 10, generator: generator)]);
        return new Sequential([.. layers]);
    }

    /// <summary>Both networks, from the same seed's initial weights (where they share layers) and shuffles.</summary>
    public static IReadOnlyList<AccuracyCurve> Run(int steps, int every, int seed = 0)
    {
        if (steps < 1 || every < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"BatchNormSpeed: steps and every must be at least 1, got {steps} and {every}.");
        var (train, test) = Datasets.Digits(images: true).Split(TrainSize / 1797.0, seed);
        return [Train("without batch norm", false, train, test, steps, every, seed), Train("with batch norm", true, train, test, steps, every, seed)];
    }

    private static AccuracyCurve Train(string label, bool batchNorm, Dataset train, Dataset test, int steps, int every, int seed)
    {
        var model = Network(batchNorm, new Generator(seed));
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
        int first = accuracy.FindIndex(a => a >= Threshold);
        return new AccuracyCurve(label, [.. marks], [.. accuracy], first < 0 ? null : marks[first]);
    }
}
