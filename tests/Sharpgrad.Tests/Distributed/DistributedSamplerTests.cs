using Sharpgrad.Data;
using Sharpgrad.Distributed;

namespace Sharpgrad.Tests.Distributed;

/// <summary>The sampler's sharding rules (PyTorch's DistributedSampler), checked in one process for many world sizes.</summary>
public sealed class DistributedSamplerTests
{
    private static int[][] Shards(int count, int replicas, bool shuffle = true, bool dropLast = false, int epoch = 0)
        => [.. Enumerable.Range(0, replicas).Select(rank =>
        {
            var sampler = new DistributedSampler(count, replicas, rank, shuffle, seed: 7, dropLast);
            sampler.SetEpoch(epoch);
            return sampler.Indices();
        })];

    [Fact]
    public void WithoutShufflingRanksTakeEveryRthExampleAndPadFromTheStart()
    {
        // PyTorch: [0, 1, 2, 3, 4] padded to [0, 1, 2, 3, 4, 0]; rank r takes positions r, r + 2, r + 4.
        var padded = Shards(5, 2, shuffle: false);
        Assert.Equal([0, 2, 4], padded[0]);
        Assert.Equal([1, 3, 0], padded[1]);
        // dropLast cuts to [0, 1, 2, 3].
        var dropped = Shards(5, 2, shuffle: false, dropLast: true);
        Assert.Equal([0, 2], dropped[0]);
        Assert.Equal([1, 3], dropped[1]);
        // Padding longer than the dataset repeats it: 2 examples on 5 ranks read [0, 1, 0, 1, 0].
        Assert.Equal([[0], [1], [0], [1], [0]], Shards(2, 5, shuffle: false));
    }

    [Theory]
    [InlineData(12, 3)]
    [InlineData(13, 4)]
    [InlineData(100, 7)]
    [InlineData(3, 8)]
    public void EveryExampleIsReadOnceAndEveryRankReadsTheSameCount(int count, int replicas)
    {
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var shards = Shards(count, replicas, epoch: epoch);
            int perRank = (count + replicas - 1) / replicas;
            Assert.All(shards, s => Assert.Equal(perRank, s.Length));
            var all = shards.SelectMany(s => s).ToArray();
            Assert.Equal(Enumerable.Range(0, count), all.Distinct().Order());
            Assert.Equal(perRank * replicas - count, all.Length - all.Distinct().Count()); // only the padding repeats

            var dropped = Shards(count, replicas, dropLast: true, epoch: epoch);
            Assert.All(dropped, s => Assert.Equal(count / replicas, s.Length));
            var kept = dropped.SelectMany(s => s).ToArray();
            Assert.Equal(kept.Length, kept.Distinct().Count());
        }
    }

    [Fact]
    public void EachEpochDrawsANewPermutationTheSameForEverySampler()
    {
        var first = Shards(50, 2, epoch: 0);
        Assert.Equal(first[0], Shards(50, 2, epoch: 0)[0]);
        Assert.NotEqual(first[0], Shards(50, 2, epoch: 1)[0]);
    }

    [Fact]
    public void ShardIsTheSubsetOfTheRanksExamples()
    {
        var data = new TensorDataset(Tensor.Arange(10).Reshape(10, 1), Tensor.Arange(10));
        var sampler = new DistributedSampler(data, Communicator.World, seed: 1);
        var shard = sampler.Shard(data);
        Assert.Equal(sampler.Indices(), shard.Indices);
        Assert.Equal(10, shard.Count); // a world of one reads everything
    }

    [Fact]
    public void BadArgumentsSayWhatWasExpected()
    {
        Assert.Contains("rank 2 is out of range for 2 replicas", Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(10, 2, 2)).Message);
        Assert.Contains("at least 1, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new DistributedSampler(10, 0, 0)).Message);
        var data = new TensorDataset(Tensor.Zeros(4, 1), Tensor.Zeros(4));
        Assert.Contains("made for 10 examples, but the dataset has 4",
            Assert.Throws<ArgumentException>(() => new DistributedSampler(10, 1, 0).Shard(data)).Message);
    }
}
