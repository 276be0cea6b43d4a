using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Regularization;

/// <summary>
/// An identity layer that penalises the activations passing through it (GBC §7.10, §14.2.1), like Keras'
/// ActivityRegularization: <c>new Sequential(new Linear(64, 32), new Sigmoid(), new ActivityRegularization(new
/// KLSparsityPenalty(0.05, beta: 3)), new Linear(32, 64))</c>. In training mode each forward pass computes the
/// penalty of its input and exposes it as <see cref="AuxiliaryLoss"/>; the <see cref="Trainer"/> adds the term of the
/// most recent pass to the objective. In eval mode, or without gradient recording, it is a plain identity.
/// </summary>
public sealed class ActivityRegularization(IActivationPenalty penalty) : Module<Tensor, Tensor>, IAuxiliaryLoss
{
    public IActivationPenalty Penalty { get; } = penalty ?? throw new ArgumentNullException(nameof(penalty));

    public Tensor? AuxiliaryLoss { get; private set; }

    protected override Tensor ForwardCore(Tensor input)
    {
        AuxiliaryLoss = IsTraining && Autograd.IsGradEnabled ? Penalty.Compute(input) : null;
        return input;
    }

    protected override string ExtraRepr() => Penalty.ToString() ?? "";
}
