using Sharpgrad.Data;

namespace Sharpgrad.Training;

/// <summary>
/// One rank's share of an epoch's batches in a data-parallel run. The global batches are those a single process would
/// read: consecutive runs of <paramref name="batchSize"/> examples of the epoch's permutation, drawn from the same seed
/// on every rank. Rank r of R reads positions r, r + R, r + 2R, … of each global batch (PyTorch's
/// DistributedSampler interleaving), so the ranks' shares are disjoint, cover the batch, and differ in size by at
/// most one example (only the last batch of an epoch can be uneven). <see cref="Check"/> refuses settings that would
/// leave a rank with no example in some batch.
/// </summary>
internal static class DataParallelBatches
{
    /// <summary>The batches of one epoch on this rank, each with its size and the global batch's.</summary>
    public static IEnumerable<(Tensor Input, Tensor Target, int Local, int Global)> Of(Dataset data, int batchSize, long seed, IDataParallel group)
    {
        int[] order = new Generator(seed).Permutation(data.Count); // DataLoader's draw, so one rank reads what Fit alone would
        for (int start = 0; start < order.Length; start += batchSize)
        {
            int global = Math.Min(batchSize, order.Length - start);
            int[] mine = Share(order.AsSpan(start, global), group.Rank, group.WorldSize);
            var (input, target) = data.GetBatch(mine);
            yield return (input, target, mine.Length, global);
        }
    }

    /// <summary>Positions rank, rank + size, … of <paramref name="indices"/>.</summary>
    public static int[] Share(ReadOnlySpan<int> indices, int rank, int size)
    {
        var mine = new int[(indices.Length - rank + size - 1) / size];
        for (int i = 0; i < mine.Length; i++) mine[i] = indices[rank + i * size];
        return mine;
    }

    /// <summary>Every global batch, the last included, must give every rank at least one example.</summary>
    public static void Check(int count, int batchSize, IDataParallel group)
    {
        int last = count % batchSize == 0 ? batchSize : count % batchSize;
        if (Math.Min(batchSize, last) < group.WorldSize)
            throw new ArgumentException(
                $"Trainer.Fit: data parallelism over {group.WorldSize} ranks splits each batch among them, but with batch size {batchSize} " +
                $"and {count} training examples the {(batchSize < group.WorldSize ? "batches hold" : "last batch holds")} only {Math.Min(batchSize, last)} example(s): " +
                $"every rank needs at least one. Choose a batch size of at least {group.WorldSize} whose remainder on {count} examples is 0 or at least {group.WorldSize}.");
    }
}
