namespace Sharpgrad.Regularization;

/// <summary>
/// A penalty Ω(h) on a layer's activations h [N, units] rather than on its parameters (GBC §7.10: representational
/// sparsity). Insert it into a model with <see cref="ActivityRegularization"/>.
/// </summary>
public interface IActivationPenalty
{
    /// <summary>The scalar penalty of a batch of activations, differentiable w.r.t. them.</summary>
    Tensor Compute(Tensor activations);
}
