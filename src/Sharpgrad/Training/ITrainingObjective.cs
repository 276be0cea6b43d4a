using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// How the <see cref="Trainer"/> turns one mini-batch into the loss it minimises. The usual objective,
/// <see cref="SupervisedObjective"/>, is loss(model(x), y); others change what the model sees, such as adversarial
/// training (GBC §7.13), which also scores the model on perturbed inputs.
/// </summary>
public interface ITrainingObjective
{
    /// <summary>The per-batch data loss (mean over the batch) used for validation and evaluation: loss(output, target).</summary>
    Func<Tensor, Tensor, Tensor> LossFunction { get; }

    /// <summary>
    /// The scalar loss to minimise on (<paramref name="input"/>, <paramref name="target"/>) and the model's output on
    /// the clean input, from which the trainer measures training accuracy.
    /// </summary>
    (Tensor Loss, Tensor Output) Compute(Module<Tensor, Tensor> model, Tensor input, Tensor target);
}
