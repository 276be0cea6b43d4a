using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One optimiser of the comparison: a CSV column name, its name and settings as shown to the reader, and how to build it.</summary>
public sealed record OptimizerChoice(string Key, string Name, string Settings, Func<IEnumerable<Tensor>, Optimizer> Create);

/// <summary>
/// One optimiser's training run: the minibatch loss before each step (<see cref="StepLosses"/>[k] is the loss the
/// k-th step descended), the cross-entropy on the whole training set before and after training, and the test accuracy.
/// </summary>
public sealed record OptimizerRun(OptimizerChoice Optimizer, double[] StepLosses, double InitialTrainLoss, double FinalTrainLoss, double TestAccuracy);

/// <summary>
/// Buduma ch4's optimiser comparison (also GBC §8.3–8.5): the same MLP 64→32→10 with the same seeded initial weights,
/// trained on the bundled digits (80/20 split, seed 0) by SGD, SGD with momentum, AdaGrad, RMSProp and Adam for the
/// same number of minibatch steps on the very same minibatches (batch 32), so the loss curves differ only by the
/// update rule. The learning rates are each method's usual starting point:
/// <list type="bullet">
/// <item>SGD and momentum share ε = 0.05 (momentum α = 0.9), so their gap is momentum's alone (GBC §8.3.2);</item>
/// <item>AdaGrad ε = 0.05, δ = 1e-7 (GBC Alg. 8.4): it needs a larger ε than the others, since its accumulated
/// squared gradients only ever shrink the step;</item>
/// <item>RMSProp ε = 0.001, ρ = 0.9, δ = 1e-6 (GBC Alg. 8.5, Hinton's suggested ε);</item>
/// <item>Adam ε = 0.001, β₁ = 0.9, β₂ = 0.999, δ = 1e-8 (GBC Alg. 8.7; Kingma &amp; Ba's defaults).</item>
/// </list>
/// </summary>
public static class OptimizerComparison
{
    public const int DefaultSteps = 1000, BatchSize = 32;

    public static IReadOnlyList<OptimizerChoice> Optimizers { get; } =
    [
        new("sgd", "SGD", "lr 0.05", p => new SGD(p, lr: 0.05)),
        new("momentum", "SGD + momentum", "lr 0.05, momentum 0.9", p => new SGD(p, lr: 0.05, momentum: 0.9)),
        new("adagrad", "AdaGrad", "lr 0.05, δ 1e-7", p => new Adagrad(p, lr: 0.05, eps: 1e-7)),
        new("rmsprop", "RMSProp", "lr 0.001, ρ 0.9, δ 1e-6", p => new RMSprop(p, lr: 0.001, alpha: 0.9, eps: 1e-6)),
        new("adam", "Adam", "lr 0.001, β 0.9/0.999, δ 1e-8", p => new Adam(p, lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8)),
    ];

    /// <summary>
    /// Trains one fresh copy of the MLP per optimiser for <paramref name="steps"/> minibatch steps. The initial weights
    /// come from <paramref name="seed"/>, the minibatch order from seed-derived shuffles drawn once for all optimisers.
    /// </summary>
    public static IReadOnlyList<OptimizerRun> Run(int steps = DefaultSteps, int seed = 0) => Run(Optimizers, steps, seed);

    /// <summary>The same comparison over other optimisers (e.g. <see cref="MomentumSweep"/>'s momentum values).</summary>
    public static IReadOnlyList<OptimizerRun> Run(IReadOnlyList<OptimizerChoice> choices, int steps, int seed)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"OptimizerComparison.Run: steps must be at least 1, got {steps}.");
        var (train, test) = Datasets.Digits().Split(0.8, seed: 0);
        var batches = Minibatches(train, steps, seed);
        return choices.Select(choice => Train(choice, train, test, batches, seed)).ToList();
    }

    /// <summary>The MLP of the comparison; the same seed gives the same initial weights.</summary>
    public static Sequential Model(int seed) =>
        new(new Linear(64, 32, generator: new Generator(seed)), new ReLU(), new Linear(32, 10, generator: new Generator(seed + 1)));

    private static OptimizerRun Train(OptimizerChoice choice, Dataset train, Dataset test, IReadOnlyList<(Tensor X, Tensor Y)> batches, int seed)
    {
        var model = Model(seed);
        var optimizer = choice.Create(model.Parameters());
        double initial = Metrics.Evaluate(model, train).Loss;
        var losses = new double[batches.Count];
        for (int k = 0; k < batches.Count; k++)
        {
            var (x, y) = batches[k];
            var loss = Losses.CrossEntropy(model.Forward(x), y);
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
            losses[k] = loss.Item();
        }
        return new OptimizerRun(choice, losses, initial, Metrics.Evaluate(model, train).Loss, Metrics.Accuracy(model, test));
    }

    /// <summary>The first <paramref name="steps"/> minibatches of epochs shuffled with seeds derived from <paramref name="seed"/>.</summary>
    private static List<(Tensor X, Tensor Y)> Minibatches(Dataset train, int steps, int seed)
    {
        var batches = new List<(Tensor X, Tensor Y)>(steps);
        for (int epoch = 0; batches.Count < steps; epoch++)
            foreach (var batch in new DataLoader(train, batchSize: BatchSize, shuffle: true, seed: seed * 1000 + epoch))
            {
                if (batches.Count == steps) break;
                batches.Add(batch);
            }
        return batches;
    }
}
