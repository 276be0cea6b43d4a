using Sharpgrad.Training;

namespace Sharpgrad.Regularization;

/// <summary>
/// Noise on the weights (GBC §7.5; Graves 2011): before each mini-batch, ε ~ N(0, σ²I) is added to the selected
/// weights, the gradient is computed at the perturbed point w + ε, and the exact unperturbed weights are put back
/// before the optimiser step, which therefore applies that gradient to w. For small σ this minimises
/// E_ε[J(w + ε)] ≈ J(w) + (σ²/2)·Tr(H), favouring flat regions where small weight changes matter little; it is a
/// stochastic approximation of Bayesian inference over the weights. The noise comes from the run generator
/// (<see cref="TrainingContext.Generator"/>), so checkpoints capture it.
/// </summary>
public sealed class WeightNoise : ITrainingCallback
{
    private readonly List<(Tensor Weight, Tensor Original)> perturbed = [];

    /// <param name="stdDev">σ ≥ 0</param>
    /// <param name="selection">the perturbed parameters; default weights (rank ≥ 2)</param>
    public WeightNoise(double stdDev, ParameterSelection? selection = null)
    {
        if (!(stdDev >= 0) || double.IsInfinity(stdDev))
            throw new ArgumentOutOfRangeException(nameof(stdDev), $"WeightNoise: the standard deviation must be finite and ≥ 0, got {stdDev}.");
        StdDev = stdDev;
        Selection = selection ?? ParameterSelection.Weights;
    }

    public double StdDev { get; }

    public ParameterSelection Selection { get; }

    public void OnBatchBegin(TrainingContext context)
    {
        using var _ = Autograd.NoGrad();
        foreach (var (_, weight) in Selection.Select(context.Model))
        {
            // A copy to restore from: (w + ε) − ε is not always w in floating point.
            perturbed.Add((weight, weight.Clone()));
            weight.AddInPlace(Tensor.Randn(weight.Shape, weight.DType, context.Generator), StdDev);
        }
    }

    public void OnBackwardEnd(TrainingContext context)
    {
        using var _ = Autograd.NoGrad();
        foreach (var (weight, original) in perturbed) weight.CopyFrom(original);
        perturbed.Clear();
    }
}
