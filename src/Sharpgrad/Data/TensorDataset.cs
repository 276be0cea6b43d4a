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
        var index = RowIndex(indices);
        return (Inputs.IndexSelect(0, index), Targets.IndexSelect(0, index));
    }

    /// <summary>
    /// Random parts that are TensorDatasets themselves (their rows gathered into new tensors), so a split keeps
    /// <see cref="Inputs"/> and <see cref="Targets"/> for code that works on whole tensors (fitting a whitening, a
    /// classic estimator). The samples and their order are those of <see cref="Dataset.Split(double[], long)"/>.
    /// </summary>
    public override TensorDataset[] Split(double[] fractions, long seed = 0) => SplitInto(fractions, seed, Rows);

    /// <inheritdoc cref="Dataset.Split(double, long)"/>
    public new (TensorDataset Train, TensorDataset Test) Split(double trainFraction, long seed = 0)
    {
        var (train, test) = base.Split(trainFraction, seed);
        return ((TensorDataset)train, (TensorDataset)test);
    }

    private TensorDataset Rows(int[] indices)
    {
        var index = RowIndex(indices);
        return new TensorDataset(Inputs.IndexSelect(0, index), Targets.IndexSelect(0, index));
    }

    private static string Describe(Tensor t) => $"of shape {t.ShapeText} ({t.DType.Name()})";
}
