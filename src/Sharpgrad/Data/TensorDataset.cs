namespace Sharpgrad.Data;

/// <summary>
/// A dataset held as two tensors whose first dim indexes the samples: sample i is (Inputs[i], Targets[i]),
/// like PyTorch's <c>TensorDataset</c>. Items are views; a batch is one IndexSelect per tensor.
/// </summary>
public sealed class TensorDataset : Dataset
{
    public TensorDataset(Tensor inputs, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank == 0 || targets.Rank == 0)
            throw new ArgumentException(
                $"TensorDataset: inputs {Describe(inputs)} and targets {Describe(targets)} must both have a first dim that indexes the samples (rank ≥ 1).");
        if (inputs.Size(0) != targets.Size(0))
            throw new ArgumentException(
                $"TensorDataset: inputs {Describe(inputs)} and targets {Describe(targets)} differ in their first dim ({inputs.Size(0)} vs {targets.Size(0)}); expected one target per sample.");
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>All inputs, [Count, ...].</summary>
    public Tensor Inputs { get; }

    /// <summary>All targets, [Count, ...].</summary>
    public Tensor Targets { get; }

    public override int Count => Inputs.Size(0);

    protected override (Tensor Input, Tensor Target) GetItem(int index) => (Inputs[index], Targets[index]);

    /// <summary>One gather per tensor instead of stacking <c>indices.Length</c> items.</summary>
    public override (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        CheckIndices(indices);
        var rows = new long[indices.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = indices[i];
        var index = Tensor.FromArray(rows);
        return (Inputs.IndexSelect(0, index), Targets.IndexSelect(0, index));
    }

    private static string Describe(Tensor t) => $"of shape {t.ShapeText} ({t.DType.Name()})";
}
