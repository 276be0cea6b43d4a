using Sharpgrad.NN;

namespace Sharpgrad.Training;

/// <summary>
/// A parameter norm penalty Ω(θ) that the <see cref="Trainer"/> adds to the objective: J̃(θ) = J(θ) + Ω(θ)
/// (GBC eq. 7.1). The coefficient α is part of the penalty. See <c>Sharpgrad.Regularization</c> for L2 and L1.
/// </summary>
public interface IPenalty
{
    /// <summary>The scalar penalty of <paramref name="model"/>'s current parameters, differentiable w.r.t. them.</summary>
    Tensor Compute(Module model);
}
