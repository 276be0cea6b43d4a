namespace Sharpgrad.NN;

/// <summary>One row of a <see cref="ModelSummary"/>.</summary>
/// <param name="Name">the dotted state-dict name of the layer ("0", "features.3")</param>
/// <param name="Type">the layer's class name ("Conv2d")</param>
/// <param name="OutputShape">the shape the layer produced in the summary's forward pass</param>
/// <param name="Parameters">the number of trainable and frozen parameter values the layer owns (with its children)</param>
/// <param name="Flops">floating-point operations of the forward pass (a multiply-add counts 2; see
/// <see cref="ModelSummary"/>; for a container the sum of its children's rows), or null for a layer type the summary has no
/// counting rule for</param>
public sealed record LayerSummary(string Name, string Type, int[] OutputShape, long Parameters, long? Flops)
{
    /// <summary>0 for the model's direct children, 1 for theirs, and so on; a container's row precedes its children's.</summary>
    public int Depth { get; init; }

    /// <summary>Whether the module has children; its row then sums theirs, and the totals skip it so nothing counts twice.</summary>
    public bool IsContainer { get; init; }

    /// <summary>
    /// The part of <see cref="Flops"/> a container computes itself, outside its children's rows (multihead attention's
    /// projections and attention products, a transformer layer's activation and residual sums); the totals add it.
    /// </summary>
    public long OwnFlops { get; init; }
}
