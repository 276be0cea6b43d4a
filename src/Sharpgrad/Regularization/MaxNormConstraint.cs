using Sharpgrad.NN;
using Sharpgrad.Training;

namespace Sharpgrad.Regularization;

/// <summary>
/// The max-norm constraint (GBC §7.2; Srebro and Shraibman 2005, used with dropout by Hinton et al. 2012): after
/// every optimiser step, each unit's incoming weight vector is projected back onto the ball ‖w‖₂ ≤ c, i.e. scaled by
/// min(1, c/‖w‖). The norm is per output unit: row i of a Linear weight [out, in] (for filters [out, in, k...], all
/// of filter i), which is column i of a Keras Dense kernel [in, out], so this is Keras' <c>max_norm(c, axis=0)</c>.
/// Unlike a penalty, it never lets a norm grow past c, however large the learning rate (GBC: this prevents the
/// weights from exploding while still allowing a high learning rate).
/// </summary>
public sealed class MaxNormConstraint : ITrainingCallback
{
    /// <param name="maxNorm">c &gt; 0</param>
    /// <param name="selection">the constrained parameters; default weights (rank ≥ 2)</param>
    public MaxNormConstraint(double maxNorm, ParameterSelection? selection = null)
    {
        if (!(maxNorm > 0) || double.IsInfinity(maxNorm))
            throw new ArgumentOutOfRangeException(nameof(maxNorm), $"MaxNormConstraint: the maximum norm must be positive and finite, got {maxNorm}.");
        MaxNorm = maxNorm;
        Selection = selection ?? ParameterSelection.Weights;
    }

    public double MaxNorm { get; }

    public ParameterSelection Selection { get; }

    public void OnBatchEnd(TrainingContext context) => Apply(context.Model);

    /// <summary>Projects every selected weight tensor so that each output unit's norm is at most <see cref="MaxNorm"/>.</summary>
    public void Apply(Module model)
    {
        using var _ = Autograd.NoGrad();
        foreach (var (name, weight) in Selection.Select(model))
        {
            if (weight.Rank < 2)
                throw new InvalidOperationException(
                    $"MaxNormConstraint: '{name}' has shape {weight.ShapeText}; the constraint is per output unit, so it needs weights of rank ≥ 2 (select weights only).");
            var unitDims = Enumerable.Range(1, weight.Rank - 1).ToArray();
            var norms = weight.Norm(2, unitDims, keepdim: true);
            // c/0 = ∞ clamps to 1: a zero vector stays as it is.
            weight.MulInPlace((MaxNorm / norms).Clamp(max: 1));
        }
    }
}
