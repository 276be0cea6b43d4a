using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Regularization;

/// <summary>
/// Bootstrap aggregating (GBC §7.11; Breiman 1994): k models, each trained on its own bootstrap sample of the data,
/// whose predictions are averaged. A bootstrap sample draws n examples with replacement from n, so it misses some
/// and repeats others; each example is left out with probability (1 − 1/n)ⁿ → 1/e, so a sample holds about
/// 1 − 1/e ≈ 63.2% distinct examples. The members' errors are therefore partly independent, and averaging them
/// reduces the expected squared error: by (1/k)·v + ((k − 1)/k)·c for error variance v and covariance c.
/// </summary>
public static class Bagging
{
    /// <summary>n = data.Count indices drawn uniformly with replacement from <paramref name="generator"/>, as a Subset.</summary>
    public static Subset BootstrapSample(Dataset data, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(generator);
        if (data.Count == 0) throw new ArgumentException("Bagging.BootstrapSample: the dataset is empty.", nameof(data));
        int n = data.Count;
        var indices = new int[n];
        for (int i = 0; i < n; i++) indices[i] = (int)generator.NextInt64(n);
        return new Subset(data, indices);
    }

    /// <summary>
    /// Trains <paramref name="members"/> models, model i on bootstrap sample i with <paramref name="trainer"/>, and
    /// returns their ensemble. The samples and each member's shuffling derive from <paramref name="seed"/>.
    /// </summary>
    /// <param name="createModel">builds member i (freshly initialised, e.g. with a generator seeded by i)</param>
    /// <param name="createOptimizer">builds the optimiser of a member</param>
    /// <param name="outputTransform">applied to each member's output before averaging, e.g. softmax for class scores</param>
    public static Ensemble Train(int members, Func<int, Module<Tensor, Tensor>> createModel, Func<Module<Tensor, Tensor>, Optimizer> createOptimizer,
        Func<Tensor, Tensor, Tensor> lossFunction, Dataset data, int epochs, int batchSize, long seed = 0,
        Func<Tensor, Tensor>? outputTransform = null, Trainer? trainer = null)
    {
        if (members < 1) throw new ArgumentOutOfRangeException(nameof(members), $"Bagging.Train: members must be at least 1, got {members}.");
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(createOptimizer);
        trainer ??= new Trainer();
        var sampler = new Generator(seed);
        var models = new List<Module<Tensor, Tensor>>();
        for (int i = 0; i < members; i++)
        {
            var sample = BootstrapSample(data, sampler);
            var model = createModel(i);
            trainer.Fit(model, lossFunction, createOptimizer(model), sample, validation: null, epochs, batchSize, seed: seed + i + 1);
            models.Add(model);
        }
        return new Ensemble(models, outputTransform);
    }
}
