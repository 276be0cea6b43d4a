using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="AdversarialRobustness"/> measured: per ε, the test accuracy on FGSM examples of the model trained
/// normally and of the model trained adversarially, and one test digit's FGSM examples [ε count, 8, 8] against the
/// normal model with that model's prediction for each (the digit's label is <c>Label</c>).
/// </summary>
public sealed record AdversarialResult(double[] Epsilons, double[] Standard, double[] Adversarial, Tensor Examples, long[] Predictions, long Label);

/// <summary>
/// Adversarial examples (GBC §7.13, Fig. 7.8; Goodfellow, Shlens and Szegedy 2015): the fast gradient sign method
/// (<see cref="Fgsm"/>) moves every pixel by ε in the direction that raises the loss, x̃ = clip(x + ε·sign ∇ₓJ, 0, 1);
/// an MLP 64→128→10 trained normally on digits loses most of its accuracy at ε that leaves the digit recognisable.
/// The same network trained with <see cref="AdversarialTraining"/> (half the loss on FGSM examples at
/// <see cref="TrainingEpsilon"/>, recomputed every step) keeps far more accuracy at the larger ε. Both models are
/// attacked white-box, each with its own gradients.
/// </summary>
public static class AdversarialRobustness
{
    public const double TrainingEpsilon = 0.1;
    public const int BatchSize = 32;

    public static readonly double[] Epsilons = [0, 0.025, 0.05, 0.1, 0.15];

    public static AdversarialResult Run(int epochs, int seed = 0)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"AdversarialRobustness: epochs must be at least 1, got {epochs}.");
        var (train, test) = Datasets.Digits().Split(0.6, seed);
        Func<Tensor, Tensor, Tensor> loss = (logits, y) => Losses.CrossEntropy(logits, y);
        var standard = Train(new SupervisedObjective(loss), train, epochs, seed);
        var robust = Train(new AdversarialTraining(loss, TrainingEpsilon, min: 0, max: 1), train, epochs, seed);
        double[] Accuracies(Module<Tensor, Tensor> model) =>
            [.. Epsilons.Select(e => Metrics.Accuracy(model, new TensorDataset(Fgsm.Perturb(model, loss, test.Inputs, test.Targets, e, 0, 1), test.Targets)))];

        var digit = test.Inputs.Narrow(0, 0, 1);
        var label = test.Targets.Narrow(0, 0, 1);
        standard.Eval();
        var examples = Tensor.Cat([.. Epsilons.Select(e => Fgsm.Perturb(standard, loss, digit, label, e, 0, 1))]);   // [ε count, 64]
        long[] predictions;
        using (Autograd.NoGrad()) predictions = standard.Forward(examples).ArgMax(1).ToArray<long>();
        return new AdversarialResult(Epsilons, Accuracies(standard), Accuracies(robust), examples.Reshape(Epsilons.Length, 8, 8), predictions,
            label.ToArray<long>()[0]);
    }

    private static Sequential Train(ITrainingObjective objective, Dataset train, int epochs, int seed)
    {
        var generator = new Generator(seed);
        var model = new Sequential(new Linear(64, 128, generator: generator), new ReLU(), new Linear(128, 10, generator: generator));
        new Trainer().Fit(model, objective, new Adam(model.Parameters(), lr: 1e-3), train, epochs: epochs, batchSize: BatchSize, seed: seed);
        model.Eval();
        return model;
    }
}
