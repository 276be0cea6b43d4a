using Sharpgrad.NN;

namespace Sharpgrad.Regularization;

/// <summary>
/// The fast gradient sign method (GBC §7.13; Goodfellow, Shlens and Szegedy 2015): x̃ = x + ε·sign(∇ₓJ(θ, x, y)),
/// the worst-case perturbation of size ε in the max norm for a model that is linear near x. Because a linear
/// function of n inputs changes by ε·‖w‖₁ under such a step, many small per-input changes add up to a large
/// change in the output, which is why excessively linear models are easy to fool.
/// </summary>
public static class Fgsm
{
    /// <summary>
    /// Adversarial examples for (<paramref name="input"/>, <paramref name="target"/>), detached from the graph. The
    /// model runs in whatever mode it is in; the parameters' Grad are not touched (only ∇ₓ is computed).
    /// </summary>
    /// <param name="epsilon">ε ≥ 0, the max-norm size of the perturbation</param>
    /// <param name="min">optional lower bound of valid inputs (e.g. 0 for pixel intensities)</param>
    /// <param name="max">optional upper bound of valid inputs</param>
    public static Tensor Perturb(Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> lossFunction, Tensor input, Tensor target,
        double epsilon, double? min = null, double? max = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lossFunction);
        ArgumentNullException.ThrowIfNull(input);
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), $"Fgsm.Perturb: epsilon must be finite and ≥ 0, got {epsilon}.");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"Fgsm.Perturb: the input must be float32 or float64, got {input.DType.Name()} of shape {input.ShapeText}.");

        var x = input.Detach().RequireGrad();
        Tensor gradient;
        using (Autograd.EnableGrad())
        {
            var loss = lossFunction(model.Forward(x), target);
            if (loss.Count != 1)
                throw new ArgumentException($"Fgsm.Perturb: the loss must be a scalar, got shape {loss.ShapeText}.");
            gradient = Autograd.Grad([loss], [x])[0];
        }
        using (Autograd.NoGrad())
        {
            var adversarial = input.Detach() + gradient.Sign() * epsilon;
            return min is null && max is null ? adversarial : adversarial.Clamp(min, max);
        }
    }
}
