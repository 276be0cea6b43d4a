namespace Sharpgrad.NN;

/// <summary>How a loss turns per-element losses into its result, as PyTorch's <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The average over elements (for class-weighted losses: the weighted average, Σ wᵢℓᵢ / Σ wᵢ).</summary>
    Mean,

    /// <summary>The sum over elements.</summary>
    Sum,

    /// <summary>No reduction: one loss per element (per example for classification losses).</summary>
    None,

    /// <summary>The sum divided by the batch size (dim 0). Only <see cref="Losses.KLDiv"/> accepts it; it gives the true KL divergence per example.</summary>
    BatchMean,
}
