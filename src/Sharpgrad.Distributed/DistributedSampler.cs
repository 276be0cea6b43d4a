using Sharpgrad.Data;

namespace Sharpgrad.Distributed;

/// <summary>
/// Which examples each rank reads in an epoch of data-parallel training (PyTorch's <c>DistributedSampler</c>). Every rank
/// draws the same permutation of the dataset for the epoch (from a <see cref="Generator"/> seeded with
/// <c>seed + epoch</c>, so no communication is needed), and rank r takes positions r, r + R, r + 2R, … of it, where R is
/// the number of ranks: the shards are disjoint and together cover the epoch.
/// <para>
/// Every rank must take the same number of steps, or the ones with more would wait in an allreduce forever. When the
/// dataset size n is not a multiple of R, the sampler therefore either pads the permutation with its own first
/// elements up to R·⌈n/R⌉ (the default: a few examples are seen twice in the epoch) or, with <c>dropLast</c>, cuts it to
/// R·⌊n/R⌋ (a few examples, different each epoch, are not seen in it). Both are PyTorch's rules. The permutation is
/// Sharpgrad's generator's, not torch's, so the shards are not PyTorch's for the same seed.
/// </para>
/// <para>Call <see cref="SetEpoch"/> at the start of every epoch, or every epoch reads the same shards in the same order.</para>
/// </summary>
public sealed class DistributedSampler
{
    /// <summary>A sampler for <paramref name="count"/> examples, for rank <paramref name="rank"/> of <paramref name="replicas"/>.</summary>
    public DistributedSampler(int count, int replicas, int rank, bool shuffle = true, long seed = 0, bool dropLast = false)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), $"DistributedSampler: the dataset size must be non-negative, got {count}.");
        if (replicas < 1) throw new ArgumentOutOfRangeException(nameof(replicas), $"DistributedSampler: the number of replicas must be at least 1, got {replicas}.");
        if ((uint)rank >= (uint)replicas)
            throw new ArgumentOutOfRangeException(nameof(rank), $"DistributedSampler: rank {rank} is out of range for {replicas} replicas (ranks 0..{replicas - 1}).");
        DatasetCount = count;
        Replicas = replicas;
        Rank = rank;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Count = dropLast ? count / replicas : (count + replicas - 1) / replicas;
    }

    /// <summary>A sampler for <paramref name="dataset"/> and this process's place in <paramref name="world"/>.</summary>
    public DistributedSampler(Dataset dataset, Communicator world, bool shuffle = true, long seed = 0, bool dropLast = false)
        : this((dataset ?? throw new ArgumentNullException(nameof(dataset))).Count,
            (world ?? throw new ArgumentNullException(nameof(world))).Size, world.Rank, shuffle, seed, dropLast)
    {
    }

    /// <summary>How many examples the dataset has.</summary>
    public int DatasetCount { get; }

    /// <summary>How many ranks share the dataset.</summary>
    public int Replicas { get; }

    /// <summary>This sampler's rank.</summary>
    public int Rank { get; }

    /// <summary>Whether each epoch reads a fresh permutation (else the dataset order).</summary>
    public bool Shuffle { get; }

    /// <summary>The permutation of epoch e is drawn from a generator seeded with Seed + e, the same on every rank.</summary>
    public long Seed { get; }

    /// <summary>Whether the permutation is cut to a multiple of <see cref="Replicas"/> rather than padded.</summary>
    public bool DropLast { get; }

    /// <summary>How many examples each rank reads per epoch (the same on every rank).</summary>
    public int Count { get; }

    /// <summary>The epoch whose permutation <see cref="Indices"/> draws.</summary>
    public int Epoch { get; private set; }

    /// <summary>Selects the epoch, so that each epoch reshuffles (PyTorch's <c>set_epoch</c>).</summary>
    public void SetEpoch(int epoch) => Epoch = epoch;

    /// <summary>This rank's dataset positions for the current epoch, in the order to read them.</summary>
    public int[] Indices()
    {
        int[] order = Shuffle
            ? [.. Tensor.RandPerm(DatasetCount, new Generator(Seed + Epoch)).ToArray<long>().Select(i => (int)i)]
            : [.. Enumerable.Range(0, DatasetCount)];
        var shard = new int[Count];
        for (int i = 0; i < Count; i++)
            shard[i] = order[(Rank + i * Replicas) % DatasetCount]; // past the end: padding from the start of the permutation
        return shard;
    }

    /// <summary>This rank's examples of <paramref name="dataset"/> for the current epoch, for a <see cref="DataLoader"/> without shuffling.</summary>
    public Subset Shard(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Count != DatasetCount)
            throw new ArgumentException($"DistributedSampler.Shard: the sampler was made for {DatasetCount} examples, but the dataset has {dataset.Count}.", nameof(dataset));
        return new Subset(dataset, Indices());
    }
}
