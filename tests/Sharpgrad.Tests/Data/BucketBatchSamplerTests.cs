using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

public sealed class BucketBatchSamplerTests
{
    private static readonly int[] Lengths = [3, 5, 3, 4, 5, 3];

    [Fact]
    public void WithoutBoundariesEachLengthIsABucketShortestFirst()
    {
        var batches = new BucketBatchSampler(Lengths, batchSize: 2, shuffle: false).ToList();
        Assert.Equal([[0, 2], [5], [3], [1, 4]], batches);
    }

    /// <summary>Boundaries (4, 8): lengths 3 and 4 pad to 4, length 5 to 8.</summary>
    [Fact]
    public void BoundariesGroupLengthsUpToEachBoundary()
    {
        var sampler = new BucketBatchSampler(Lengths, 2, boundaries: [4, 8], shuffle: false);
        Assert.Equal([[0, 2], [3, 5], [1, 4]], sampler.ToList());
        Assert.Equal(4, sampler.PaddedLength(3));
        Assert.Equal(8, sampler.PaddedLength(5));
    }

    [Fact]
    public void ShuffledEpochsKeepBucketsAndAreReproducible()
    {
        int[] lengths = [.. Enumerable.Range(0, 40).Select(i => 2 + i % 5)];
        var a = new BucketBatchSampler(lengths, 3, seed: 7);
        var b = new BucketBatchSampler(lengths, 3, seed: 7);
        var first = a.ToList();
        Assert.Equal(first, b.ToList());
        Assert.NotEqual(first, a.ToList()); // the next epoch is another order
        Assert.Equal(Enumerable.Range(0, 40), first.SelectMany(x => x).Order());
        Assert.All(first, batch => Assert.Single(batch.Select(i => lengths[i]).Distinct()));
    }

    [Fact]
    public void BadInputIsAnError()
    {
        Assert.Contains("example 1 has length 5", Assert.Throws<ArgumentException>(() => new BucketBatchSampler(Lengths, 2, boundaries: [4])).Message);
        Assert.Contains("batchSize", Assert.Throws<ArgumentException>(() => new BucketBatchSampler(Lengths, 0)).Message);
        Assert.Contains("increasing", Assert.Throws<ArgumentException>(() => new BucketBatchSampler(Lengths, 2, boundaries: [8, 4])).Message);
    }
}
