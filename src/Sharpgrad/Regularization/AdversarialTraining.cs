using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Regularization;

/// <summary>
/// Adversarial training (GBC §7.13; Goodfellow et al. 2015, eq. 6 there): the objective mixes the loss on each batch
/// with the loss on its FGSM examples, J̃ = α·J(θ, x, y) + (1 − α)·J(θ, x + ε·sign(∇ₓJ), y), with α = 0.5 as in
/// the paper. The adversarial examples are recomputed at every step against the current parameters, and no gradient
/// flows through their construction. It makes the model locally constant around the training points and, as a
/// regulariser, often improves clean test error as well. Use it as the objective of
/// <see cref="Trainer.Fit(Module, ITrainingObjective, Optim.Optimizer, Data.Dataset, Data.Dataset?, int, int, IEnumerable{ITrainingCallback}?, long, string?, long?)"/>.
/// </summary>
public sealed class AdversarialTraining : ITrainingObjective
{
    /// <param name="lossFunction">J per batch, e.g. cross-entropy; also used for validation</param>
    /// <param name="epsilon">ε of the FGSM examples</param>
    /// <param name="cleanWeight">α ∈ [0, 1], the weight of the clean loss</param>
    /// <param name="min">optional lower bound of valid inputs</param>
    /// <param name="max">optional upper bound of valid inputs</param>
    public AdversarialTraining(Func<Tensor, Tensor, Tensor> lossFunction, double epsilon, double cleanWeight = 0.5,
        double? min = null, double? max = null)
    {
        LossFunction = lossFunction ?? throw new ArgumentNullException(nameof(lossFunction));
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"AdversarialTraining: epsilon must be finite and ≥ 0, got {epsilon}.");
        if (!(cleanWeight >= 0 && cleanWeight <= 1))
            throw new ArgumentOutOfRangeException(nameof(cleanWeight), $"AdversarialTraining: cleanWeight must be in [0, 1], got {cleanWeight}.");
        Epsilon = epsilon;
        CleanWeight = cleanWeight;
        Min = min;
        Max = max;
    }

    public Func<Tensor, Tensor, Tensor> LossFunction { get; }

    public double Epsilon { get; }

    public double CleanWeight { get; }

    public double? Min { get; }

    public double? Max { get; }

    public (Tensor Loss, Tensor Output) Compute(Module<Tensor, Tensor> model, Tensor input, Tensor target)
    {
        var adversarial = Fgsm.Perturb(model, LossFunction, input, target, Epsilon, Min, Max);
        var output = model.Forward(input);
        var clean = LossFunction(output, target);
        var perturbed = LossFunction(model.Forward(adversarial), target);
        return (clean * CleanWeight + perturbed * (1 - CleanWeight), output);
    }
}
