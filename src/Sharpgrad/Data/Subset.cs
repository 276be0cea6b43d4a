namespace Sharpgrad.Data;

/// <summary>
/// The samples of another dataset at the given positions, in that order (PyTorch's <c>Subset</c>); the parts
/// made by <see cref="Dataset.Split(double[], long)"/>. Nothing is copied: items and batches are fetched from
/// the underlying dataset, so a subset of a <see cref="TensorDataset"/> still batches with one gather.
/// </summary>
public sealed class Subset : Dataset
{
    private readonly int[] indices;

    public Subset(Dataset dataset, int[] indices)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(indices);
        foreach (int i in indices)
            if ((uint)i >= (uint)dataset.Count)
                throw new ArgumentOutOfRangeException(nameof(indices),
                    $"Subset: index {i} is out of range for a {dataset.GetType().Name} of {dataset.Count} samples.");
        Dataset = dataset;
        this.indices = (int[])indices.Clone();
    }

    /// <summary>The dataset the samples come from.</summary>
    public Dataset Dataset { get; }

    /// <summary>The positions in <see cref="Dataset"/> of this subset's samples.</summary>
    public IReadOnlyList<int> Indices => indices;

    public override int Count => indices.Length;

    protected override (Tensor Input, Tensor Target) GetItem(int index) => Dataset[indices[index]];

    public override (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> batch)
    {
        CheckIndices(batch);
        var mapped = new int[batch.Length];
        for (int i = 0; i < mapped.Length; i++) mapped[i] = indices[batch[i]];
        return Dataset.GetBatch(mapped);
    }
}
