using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The classification chapter's training recipe (CLS §3), shared by its experiments: 200 digits for training and the
/// other 1597 for testing, minibatch SGD (batch 20, lr 0.05, momentum 0.9) for 100 epochs with a small L2 weight
/// decay (1e-3, GBC §7.1.1): without the decay, 200 examples are memorised and the test loss creeps back up after its
/// minimum, which is not the levelling-off the book shows.
/// </summary>
public static class ClassificationChapterRecipe
{
    public const int TrainSize = 200;
    public const int Epochs = 100;

    /// <summary>What one seed's run reports.</summary>
    public sealed record Result(double TestAccuracy, double TrainAccuracy, double FinalTestLoss, double MinTestLoss);

    /// <summary>
    /// The seed's 200 training and 1597 test digits: flat [64] inputs for an MLP, or [1, 8, 8] images for a CNN
    /// (<paramref name="images"/>), the same digits either way.
    /// </summary>
    public static (Dataset Train, Dataset Test) Split(int seed, bool images = false)
    {
        var digits = Datasets.Digits(images);
        var order = Tensor.RandPerm(digits.Count, new Generator(seed)).ToArray<long>().Select(i => (int)i).ToArray();
        return (new Subset(digits, order[..TrainSize]), new Subset(digits, order[TrainSize..]));
    }

    /// <summary>
    /// Trains <paramref name="model"/> on the seed's split with the recipe; shuffling is seeded too. With
    /// <paramref name="trackTestLoss"/> the test loss is measured after every epoch (for <see cref="Result.MinTestLoss"/>),
    /// which costs more than the training itself (1597 test digits against 200 training ones); without it, only at the end.
    /// </summary>
    public static Result Run(Module<Tensor, Tensor> model, int seed, bool images = false, bool trackTestLoss = true)
    {
        var (train, test) = Split(seed, images);
        var optimizer = new SGD(model.Parameters(), lr: 0.05, momentum: 0.9, weightDecay: 1e-3);
        double minTestLoss = double.PositiveInfinity, testLoss = 0;
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            foreach (var (x, y) in new DataLoader(train, batchSize: 20, shuffle: true, seed: seed * 1000 + epoch))
            {
                var loss = Losses.CrossEntropy(model.Forward(x), y);
                optimizer.ZeroGrad();
                loss.Backward();
                optimizer.Step();
            }
            if (!trackTestLoss && epoch < Epochs - 1) continue;
            testLoss = Metrics.Evaluate(model, test).Loss;
            minTestLoss = Math.Min(minTestLoss, testLoss);
        }
        return new(Metrics.Accuracy(model, test), Metrics.Accuracy(model, train), testLoss, minTestLoss);
    }
}
