namespace Sharpgrad.Data;

/// <summary>
/// A finite, indexable collection of (input, target) samples, like PyTorch's map-style <c>Dataset</c>.
/// Subclasses say how many samples there are (<see cref="Count"/>) and how to fetch one (<see cref="GetItem"/>);
/// the base class checks indices, assembles mini-batches and splits the data into train/validation/test parts
/// (GBC §5.3: the test set must be held out from everything that is fitted).
/// </summary>
public abstract class Dataset
{
    /// <summary>The number of samples.</summary>
    public abstract int Count { get; }

    /// <summary>Sample <paramref name="index"/> (0 ≤ index &lt; Count) as an (input, target) pair.</summary>
    public (Tensor Input, Tensor Target) this[int index]
    {
        get
        {
            CheckIndex(index);
            return GetItem(index);
        }
    }

    /// <summary>Fetches one sample; <paramref name="index"/> has already been range-checked.</summary>
    protected abstract (Tensor Input, Tensor Target) GetItem(int index);

    /// <summary>
    /// The samples at <paramref name="indices"/> stacked along a new leading dim: inputs [B, ...] and targets [B, ...].
    /// The default stacks the items one by one; datasets that hold whole tensors override it with one gather.
    /// </summary>
    public virtual (Tensor Input, Tensor Target) GetBatch(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty)
            throw new ArgumentException($"GetBatch: expected at least one index ({GetType().Name} has {Count} samples).");
        var inputs = new Tensor[indices.Length];
        var targets = new Tensor[indices.Length];
        for (int i = 0; i < indices.Length; i++)
            (inputs[i], targets[i]) = this[indices[i]];
        return (Tensor.Stack(inputs), Tensor.Stack(targets));
    }

    /// <summary>
    /// Splits the samples at random into a training part holding <paramref name="trainFraction"/> of them
    /// (rounded) and a test part holding the rest. The same seed gives the same split on every run.
    /// </summary>
    public (Dataset Train, Dataset Test) Split(double trainFraction, long seed = 0)
    {
        if (!(trainFraction > 0 && trainFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(trainFraction),
                $"Split: trainFraction must lie strictly between 0 and 1, got {trainFraction}.");
        var parts = Split([trainFraction, 1 - trainFraction], seed);
        return (parts[0], parts[1]);
    }

    /// <summary>
    /// Splits the samples at random into disjoint parts, one per fraction (e.g. [0.7, 0.15, 0.15] for
    /// train/validation/test). Each part but the last gets round(fraction·Count) samples; the last takes what
    /// remains of round(sum·Count), so fractions summing to less than 1 leave some samples out. The order comes
    /// from a permutation drawn from <c>new Generator(seed)</c>, so the same seed gives the same parts.
    /// </summary>
    /// <remarks>The parts are <see cref="Subset"/>s here; a <see cref="TensorDataset"/> splits into TensorDatasets.</remarks>
    public virtual Dataset[] Split(double[] fractions, long seed = 0) => SplitInto(fractions, seed, indices => new Subset(this, indices));

    /// <summary>The split of <see cref="Split(double[], long)"/>, with each part made from its sample indices by <paramref name="part"/>.</summary>
    protected T[] SplitInto<T>(double[] fractions, long seed, Func<int[], T> part)
    {
        var sizes = SplitSizes(fractions, Count);
        var order = new Generator(seed).Permutation(Count);
        var parts = new T[sizes.Length];
        int start = 0;
        for (int i = 0; i < sizes.Length; i++)
        {
            parts[i] = part(order[start..(start + sizes[i])]);
            start += sizes[i];
        }
        return parts;
    }

    /// <summary>How many samples each part of <see cref="Split(double[], long)"/> receives.</summary>
    internal static int[] SplitSizes(double[] fractions, int count)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        string listed = "[" + string.Join(", ", fractions) + "]";
        if (fractions.Length == 0)
            throw new ArgumentException("Split: expected at least one fraction.", nameof(fractions));
        if (fractions.Any(f => !(f > 0) || double.IsInfinity(f)))
            throw new ArgumentException($"Split: every fraction must be positive and finite, got {listed}.", nameof(fractions));
        double sum = fractions.Sum();
        const double tolerance = 1e-9; // fractions such as 0.7 + 0.2 + 0.1 do not add to exactly 1 in binary
        if (sum > 1 + tolerance)
            throw new ArgumentException($"Split: fractions {listed} add up to {sum}, more than 1.", nameof(fractions));

        int total = sum >= 1 - tolerance ? count : (int)Math.Round(sum * count, MidpointRounding.AwayFromZero);
        var sizes = new int[fractions.Length];
        for (int i = 0; i < sizes.Length - 1; i++)
            sizes[i] = (int)Math.Round(fractions[i] * count, MidpointRounding.AwayFromZero);
        sizes[^1] = total - sizes[..^1].Sum();
        if (sizes[^1] < 0)
            throw new ArgumentException(
                $"Split: {count} samples are too few to split by {listed} (rounded sizes [{string.Join(", ", sizes[..^1])}] already exceed {total}).",
                nameof(fractions));
        return sizes;
    }

    /// <summary>The sample indices as an int64 tensor, the index of an IndexSelect over a tensor's first dim.</summary>
    protected static Tensor RowIndex(ReadOnlySpan<int> indices)
    {
        var rows = new long[indices.Length];
        for (int i = 0; i < rows.Length; i++) rows[i] = indices[i];
        return Tensor.FromArray(rows);
    }

    /// <summary>Throws a message naming the dataset and its size when <paramref name="index"/> is out of range.</summary>
    protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new IndexOutOfRangeException($"{GetType().Name}: index {index} is out of range for a dataset of {Count} samples.");
    }

    /// <summary><see cref="CheckIndex"/> for every index of a batch.</summary>
    protected void CheckIndices(ReadOnlySpan<int> indices)
    {
        foreach (int index in indices) CheckIndex(index);
    }
}
