using System.Collections;

namespace Sharpgrad.Data;

/// <summary>
/// Batches of example indices grouped by sequence length (bucketing, Buduma ch7; Sutskever et al. 2014 §3.4): each
/// example goes to the bucket of the smallest boundary ≥ its length and is padded only to that boundary, so a batch
/// wastes little computation on padding. Without boundaries every distinct length is its own bucket and batches need no
/// padding at all. With <c>shuffle</c>, each enumeration (epoch) permutes the examples within each bucket and then the
/// order of the batches, from a <see cref="Generator"/> seeded once (the same seed gives the same epochs); without it,
/// buckets come shortest first and examples in index order.
/// </summary>
public sealed class BucketBatchSampler : IEnumerable<int[]>
{
    private readonly int[] lengths;
    private readonly int[]? boundaries;
    private readonly Generator generator;

    public int BatchSize { get; }

    public bool Shuffle { get; }

    public bool DropLast { get; }

    public BucketBatchSampler(IReadOnlyList<int> lengths, int batchSize, IReadOnlyList<int>? boundaries = null, bool shuffle = true, long seed = 0,
        bool dropLast = false)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (batchSize < 1) throw new ArgumentException($"BucketBatchSampler: batchSize must be at least 1, got {batchSize}.", nameof(batchSize));
        if (boundaries is not null && (boundaries.Count == 0 || boundaries.Zip(boundaries.Skip(1)).Any(p => p.First >= p.Second) || boundaries[0] < 1))
            throw new ArgumentException($"BucketBatchSampler: boundaries must be positive and increasing, got [{string.Join(", ", boundaries)}].", nameof(boundaries));
        this.lengths = [.. lengths];
        this.boundaries = boundaries is null ? null : [.. boundaries];
        for (int i = 0; i < this.lengths.Length; i++)
        {
            if (this.lengths[i] < 0) throw new ArgumentException($"BucketBatchSampler: example {i} has negative length {this.lengths[i]}.", nameof(lengths));
            if (this.boundaries is { } b && this.lengths[i] > b[^1])
                throw new ArgumentException($"BucketBatchSampler: example {i} has length {this.lengths[i]}, longer than the largest bucket boundary {b[^1]}.", nameof(lengths));
        }
        (BatchSize, Shuffle, DropLast) = (batchSize, shuffle, dropLast);
        generator = new Generator(seed);
    }

    /// <summary>The length examples of <paramref name="length"/> are padded to: the smallest boundary ≥ it, or itself.</summary>
    public int PaddedLength(int length) => boundaries is null ? length : boundaries.First(b => b >= length);

    public IEnumerator<int[]> GetEnumerator()
    {
        var batches = new List<int[]>();
        foreach (var bucket in Enumerable.Range(0, lengths.Length).GroupBy(i => PaddedLength(lengths[i])).OrderBy(g => g.Key))
        {
            int[] members = [.. bucket];
            if (Shuffle) members = [.. generator.Permutation(members.Length).Select(k => members[k])];
            for (int start = 0; start < members.Length; start += BatchSize)
            {
                int size = Math.Min(BatchSize, members.Length - start);
                if (size < BatchSize && DropLast) break;
                batches.Add(members[start..(start + size)]);
            }
        }
        if (Shuffle) batches = [.. generator.Permutation(batches.Count).Select(k => batches[k])];
        return batches.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
