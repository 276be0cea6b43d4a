using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Regularization;
using Sharpgrad.Tests.Training;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Regularization;

/// <summary>FGSM and adversarial training, GBC §7.13.</summary>
public class AdversarialTests
{
    [Fact]
    public void FgsmMovesEveryInputByEpsilonAndIncreasesTheLoss()
    {
        var data = SmallProblems.Blobs(200, seed: 1);
        var model = SmallProblems.Mlp(seed: 2);
        new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1, momentum: 0.9), data, epochs: 5, batchSize: 20);
        model.Eval();
        model.ZeroGrad();

        const double epsilon = 0.2;
        var adversarial = Fgsm.Perturb(model, SmallProblems.CrossEntropy, data.Inputs, data.Targets, epsilon);

        // x̃ − x = ε·sign(∇ₓJ): every coordinate moves by exactly ε (the gradient has no zero entries here).
        var step = (adversarial - data.Inputs).Abs().ToArray<float>();
        Assert.All(step, s => Assert.Equal(epsilon, s, 1e-6));
        Assert.False(adversarial.RequiresGrad);
        Assert.All(model.Parameters(), p => Assert.Null(p.Grad)); // only ∇ₓ was computed
        // To first order the loss rises by ε‖∇ₓJ‖₁ > 0.
        double clean, attacked;
        using (Autograd.NoGrad())
        {
            clean = SmallProblems.CrossEntropy(model.Forward(data.Inputs), data.Targets).Item();
            attacked = SmallProblems.CrossEntropy(model.Forward(adversarial), data.Targets).Item();
        }
        Assert.True(attacked > 2 * clean, $"FGSM loss {attacked} vs clean {clean}");
        // FGSM is the worst first-order step of its size: random signs of the same size hurt less.
        var randomSigns = Tensor.RandInt(0, 2, data.Inputs.Shape, new Generator(5)).Float() * 2 - 1;
        double random;
        using (Autograd.NoGrad())
            random = SmallProblems.CrossEntropy(model.Forward(data.Inputs + randomSigns * epsilon), data.Targets).Item();
        Assert.True(attacked > random, $"FGSM loss {attacked} vs random-sign loss {random}");

        var clamped = Fgsm.Perturb(model, SmallProblems.CrossEntropy, data.Inputs, data.Targets, 5, min: -1, max: 1);
        Assert.True(clamped.Ge(-1).All() && clamped.Le(1).All());
    }

    /// <summary>
    /// Two features: x₁ = ±1 + N(0, 0.3²) is robust, x₂ = ±0.2 + N(0, 0.03²) is small but separates the classes even
    /// better. A standard model leans on x₂, which an ε = 0.5 attack flips; adversarial training must learn to rely on
    /// x₁ instead (Goodfellow et al. 2015: it makes the model locally constant around the data).
    /// </summary>
    private static TensorDataset RobustAndBrittleFeatures(int n, long seed)
    {
        var g = new Generator(seed);
        var labels = Tensor.RandInt(0, 2, [n], g);
        var sign = labels.Float() * 2 - 1;
        var robust = sign + Tensor.Randn([n], DType.Float32, g) * 0.3;
        var brittle = sign * 0.2 + Tensor.Randn([n], DType.Float32, g) * 0.03;
        return new TensorDataset(Tensor.Stack([robust, brittle], 1), labels);
    }

    private static double AccuracyUnderAttack(Module<Tensor, Tensor> model, TensorDataset data, double epsilon)
    {
        model.Eval();
        var attacked = Fgsm.Perturb(model, SmallProblems.CrossEntropy, data.Inputs, data.Targets, epsilon);
        using var _ = Autograd.NoGrad();
        return Metrics.Accuracy(model.Forward(attacked), data.Targets);
    }

    [Fact]
    public void AdversarialTrainingRaisesAccuracyOnFgsmExamples()
    {
        const double epsilon = 0.5;
        var train = RobustAndBrittleFeatures(200, seed: 1);
        var test = RobustAndBrittleFeatures(400, seed: 2);

        Module<Tensor, Tensor> Train(ITrainingObjective objective)
        {
            var model = new Linear(2, 2, generator: new Generator(3));
            new Trainer().Fit(model, objective, new Adam(model.Parameters(), lr: 0.05), train, epochs: 5, batchSize: 20);
            return model;
        }

        var standard = Train(new SupervisedObjective(SmallProblems.CrossEntropy));
        var robust = Train(new AdversarialTraining(SmallProblems.CrossEntropy, epsilon));
        double standardAttacked = AccuracyUnderAttack(standard, test, epsilon);
        double robustAttacked = AccuracyUnderAttack(robust, test, epsilon);
        double standardClean = Metrics.Accuracy(standard.Forward(test.Inputs), test.Targets);
        double robustClean = Metrics.Accuracy(robust.Forward(test.Inputs), test.Targets);

        Assert.True(standardClean > 0.98, $"standard clean accuracy {standardClean}");
        Assert.True(robustAttacked > standardAttacked + 0.2, $"FGSM accuracy: adversarially trained {robustAttacked}, standard {standardAttacked}");
        // Relying on x₁ alone, the best possible under attack is Φ((1 − ε)/0.3) = Φ(1.67) ≈ 95.2%.
        Assert.InRange(robustAttacked, 0.88, 0.99);
        Assert.True(robustClean > 0.95, $"adversarially trained clean accuracy {robustClean}");
    }

    [Fact]
    public void AdversarialTrainingChecksItsSettings()
    {
        Assert.Contains("cleanWeight", Assert.Throws<ArgumentOutOfRangeException>(() => new AdversarialTraining(SmallProblems.CrossEntropy, 0.1, cleanWeight: 2)).Message);
        Assert.Contains("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new AdversarialTraining(SmallProblems.CrossEntropy, -1)).Message);
    }
}
