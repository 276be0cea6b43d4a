namespace Sharpgrad.Data;

/// <summary>
/// Another dataset's samples with a <see cref="Transform"/> applied to every input (targets pass unchanged),
/// e.g. augmentation for training only:
/// <c>new DataLoader(new TransformedDataset(train, augment, seed: 0), batchSize: 128, shuffle: true)</c>.
/// A batch is fetched from the underlying dataset in one piece and transformed as a whole.
/// <para>
/// Random steps draw from one <see cref="Generator"/> seeded by <paramref name="seed"/>, in the order samples
/// and batches are requested. The same seed and the same requests (for example the same
/// <see cref="DataLoader"/> seed) give the same augmented data on every run, while requesting a sample again
/// draws a fresh augmentation, so every epoch sees new variants, as with PyTorch's transforms. Requests from
/// several threads are served one at a time.
/// </para>
/// </summary>
public sealed class TransformedDataset(Dataset dataset, Transform transform, long seed = 0) : Dataset
{
    private readonly Generator generator = new(seed);

    /// <summary>The dataset the samples come from.</summary>
    public Dataset Dataset { get; } = dataset ?? throw new ArgumentNullException(nameof(dataset));

    /// <summary>The transform applied to every input.</summary>
    public Transform Transform { get; } = transform ?? throw new ArgumentNullException(nameof(transform));

    public override int Count => Dataset.Count;

    protected override (Tensor Input, Tensor Target) GetItem(int index)
    {
        var (input, target) = Dataset[index];
        return (Transformed(input), target);
    }

    public override (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        CheckIndices(indices);
        var (inputs, targets) = Dataset.GetBatch(indices);
        return (Transformed(inputs), targets);
    }

    private Tensor Transformed(Tensor input)
    {
        lock (generator) return Transform.Apply(input, generator);
    }
}
