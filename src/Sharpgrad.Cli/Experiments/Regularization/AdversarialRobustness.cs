using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// What <see cref="AdversarialRobustness"/> measured: per ε, the test accuracy on FGSM examples of the model trained
/// normally and of the model trained adversarially (at ε <c>TrainingEpsilon</c>), and one test image's FGSM examples
/// [ε count, side, side] against the normal model with that model's prediction for each (the image's label is
/// <c>Label</c>); <c>Data</c> names the images.
/// </summary>
public sealed record AdversarialResult(double[] Epsilons, double[] Standard, double[] Adversarial, Tensor Examples, long[] Predictions, long Label,
    double TrainingEpsilon, string Data);

/// <summary>
/// Adversarial examples (GBC §7.13, Fig. 7.8; Goodfellow, Shlens and Szegedy 2015): the fast gradient sign method
/// (<see cref="Fgsm"/>) moves every pixel by ε in the direction that raises the loss, x̃ = clip(x + ε·sign ∇ₓJ, 0, 1);
/// an MLP side²→128→10 trained normally (on 8×8 digits in the quick mode, 28×28 Fashion-MNIST in the full one) loses
/// most of its accuracy at ε that leaves the image recognisable. The same network trained with
/// <see cref="AdversarialTraining"/> (half the loss on FGSM examples at the training ε, recomputed every step) keeps far more accuracy at the larger ε. Both models are
/// attacked white-box, each with its own gradients.
/// </summary>
public static class AdversarialRobustness
{
    public const int BatchSize = 32;

    /// <summary>The ε of the quick run on digits, whose 8×8 images survive larger steps than Fashion-MNIST's.</summary>
    public static readonly double[] QuickEpsilons = [0, 0.025, 0.05, 0.1, 0.15];

    /// <summary>The ε of the full run on Fashion-MNIST, within [0, 0.1] of the [0, 1] pixel range.</summary>
    public static readonly double[] FullEpsilons = [0, 0.02, 0.04, 0.06, 0.08, 0.1];

    /// <summary>The quick mode's images: the bundled digits, 60% to train on and 40% to test on.</summary>
    public static ExperimentImages QuickData(int seed) => ExperimentImages.Digits(0.6, seed);

    /// <summary>The full mode's images: all 60,000 Fashion-MNIST training images and all 10,000 test images.</summary>
    public static ExperimentImages FullData() => ExperimentImages.FashionMnist(trainSize: 60_000, testSize: 10_000);

    public static AdversarialResult Run(ExperimentImages data, int epochs, double[] epsilons, double trainingEpsilon, int seed = 0)
    {
        if (epochs < 1) throw new ArgumentOutOfRangeException(nameof(epochs), $"AdversarialRobustness: epochs must be at least 1, got {epochs}.");
        if (epsilons.Length < 2 || epsilons[0] != 0)
            throw new ArgumentException($"AdversarialRobustness: expected at least two ε starting with 0 (the clean accuracy), got [{string.Join(", ", epsilons)}].", nameof(epsilons));
        var (train, test, side) = (data.Train, data.Test, data.Side);
        Func<Tensor, Tensor, Tensor> loss = (logits, y) => Losses.CrossEntropy(logits, y);
        var standard = Train(new SupervisedObjective(loss), train, side, epochs, seed);
        var robust = Train(new AdversarialTraining(loss, trainingEpsilon, min: 0, max: 1), train, side, epochs, seed);
        double[] Accuracies(Module<Tensor, Tensor> model) =>
            [.. epsilons.Select(e => Metrics.Accuracy(model, new TensorDataset(Fgsm.Perturb(model, loss, test.Inputs, test.Targets, e, 0, 1), test.Targets)))];

        var digit = test.Inputs.Narrow(0, 0, 1);
        var label = test.Targets.Narrow(0, 0, 1);
        standard.Eval();
        var examples = Tensor.Cat([.. epsilons.Select(e => Fgsm.Perturb(standard, loss, digit, label, e, 0, 1))]);   // [ε count, 1, side, side]
        long[] predictions;
        using (Autograd.NoGrad()) predictions = standard.Forward(examples).ArgMax(1).ToArray<long>();
        return new AdversarialResult(epsilons, Accuracies(standard), Accuracies(robust), examples.Reshape(epsilons.Length, side, side), predictions,
            label.ToArray<long>()[0], trainingEpsilon, data.Name);
    }

    private static Sequential Train(ITrainingObjective objective, Dataset train, int side, int epochs, int seed)
    {
        var generator = new Generator(seed);
        var model = new Sequential(new Flatten(), new Linear(side * side, 128, generator: generator), new ReLU(), new Linear(128, 10, generator: generator));
        new Trainer().Fit(model, objective, new Adam(model.Parameters(), lr: 1e-3), train, epochs: epochs, batchSize: BatchSize, seed: seed);
        model.Eval();
        return model;
    }
}
