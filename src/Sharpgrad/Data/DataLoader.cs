using System.Collections;

namespace Sharpgrad.Data;

/// <summary>
/// Cuts a dataset into mini-batches for minibatch SGD (GBC §8.1.3, Alg. 8.1):
/// <c>foreach (var (x, y) in new DataLoader(train, batchSize: 32, shuffle: true, seed: epoch))</c>.
/// Each enumeration visits every sample exactly once (the last batch may be smaller unless
/// <paramref name="dropLast"/>). With <paramref name="shuffle"/> the order is a permutation drawn from a
/// <see cref="Generator"/> seeded once by <paramref name="seed"/>: the same seed gives the same batches on every
/// run, and enumerating the same loader again draws the next permutation, so one loader reused across epochs
/// reshuffles every epoch, as PyTorch's does.
/// <para>
/// With <paramref name="prefetch"/> &gt; 0 a background thread assembles up to that many batches ahead while the
/// current one is used (PyTorch's <c>prefetch_factor</c> for one worker), which hides the cost of reading and
/// augmenting data. The batches, their order and their values are the same as without prefetching; an exception
/// while assembling a batch is rethrown where that batch would have been returned; and leaving the loop early
/// stops the thread. The dataset is then read from that thread, one batch at a time: a
/// <see cref="TransformedDataset"/> draws its random augmentations in the same order either way, but a
/// prefetching loop left early has already drawn for the batches it assembled ahead.
/// </para>
/// </summary>
public sealed class DataLoader(Dataset dataset, int batchSize, bool shuffle = false, long seed = 0, bool dropLast = false, int prefetch = 0)
    : IEnumerable<(Tensor Input, Tensor Target)>
{
    public Dataset Dataset { get; } = dataset ?? throw new ArgumentNullException(nameof(dataset));

    public int BatchSize { get; } = batchSize >= 1
        ? batchSize
        : throw new ArgumentOutOfRangeException(nameof(batchSize), $"DataLoader: batchSize must be at least 1, got {batchSize}.");

    public bool Shuffle { get; } = shuffle;

    public bool DropLast { get; } = dropLast;

    /// <summary>How many batches a background thread prepares ahead; 0 assembles each batch when it is asked for.</summary>
    public int Prefetch { get; } = prefetch >= 0
        ? prefetch
        : throw new ArgumentOutOfRangeException(nameof(prefetch), $"DataLoader: prefetch must be 0 (off) or a positive number of batches, got {prefetch}.");

    private readonly Generator generator = new(seed);

    /// <summary>The number of batches one enumeration yields.</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    public IEnumerator<(Tensor Input, Tensor Target)> GetEnumerator()
    {
        // The order is fixed when enumeration starts, so the generator advances once per epoch.
        int[] order = Shuffle ? generator.Permutation(Dataset.Count) : Enumerable.Range(0, Dataset.Count).ToArray();
        var batches = Batches(order, Count);
        return Prefetch > 0 ? new BatchPrefetcher<(Tensor Input, Tensor Target)>(batches, Prefetch) : batches;
    }

    private IEnumerator<(Tensor Input, Tensor Target)> Batches(int[] order, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            yield return Dataset.GetBatch(order.AsSpan(start, Math.Min(BatchSize, order.Length - start)));
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
