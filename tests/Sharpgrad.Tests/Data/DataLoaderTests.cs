using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

public class DataLoaderTests
{
    private static List<long[]> Epoch(IEnumerable<(Tensor Input, Tensor Target)> loader)
        => loader.Select(batch => batch.Target.ToArray<long>()).ToList();

    [Fact]
    public void BatchCountWithAndWithoutDropLast()
    {
        var d = DatasetTests.Numbered(10);
        var keep = new DataLoader(d, batchSize: 3);
        var drop = new DataLoader(d, batchSize: 3, dropLast: true);
        Assert.Equal(4, keep.Count); // ⌈10/3⌉
        Assert.Equal(3, drop.Count); // ⌊10/3⌋
        Assert.Equal([3, 3, 3, 1], Epoch(keep).Select(b => b.Length));
        Assert.Equal([3, 3, 3], Epoch(drop).Select(b => b.Length));
        Assert.Equal(2, new DataLoader(d, batchSize: 5, dropLast: true).Count);
        Assert.Single(Epoch(new DataLoader(d, batchSize: 64)));
        Assert.Empty(Epoch(new DataLoader(d, batchSize: 64, dropLast: true)));
    }

    [Fact]
    public void WithoutShuffleBatchesFollowTheDatasetOrder()
    {
        var batches = Epoch(new DataLoader(DatasetTests.Numbered(5), batchSize: 2));
        Assert.Equal([[0L, 1], [2L, 3], [4L]], batches);
    }

    [Fact]
    public void InputsAndTargetsStayPaired()
    {
        foreach (var (x, y) in new DataLoader(DatasetTests.Numbered(9), batchSize: 4, shuffle: true, seed: 5))
        {
            Assert.Equal(x.Size(0), y.Size(0));
            Assert.True(x[.., 0].Eq(y.Float()).All());
        }
    }

    [Fact]
    public void EverySampleAppearsExactlyOncePerEpoch()
    {
        var loader = new DataLoader(DatasetTests.Numbered(23), batchSize: 4, shuffle: true, seed: 11);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            var seen = Epoch(loader).SelectMany(b => b).Order();
            Assert.Equal(Enumerable.Range(0, 23).Select(i => (long)i), seen);
        }
    }

    [Fact]
    public void ShuffleIsDeterminedByTheSeed()
    {
        var d = DatasetTests.Numbered(30);
        var first = Epoch(new DataLoader(d, batchSize: 8, shuffle: true, seed: 42));
        var again = Epoch(new DataLoader(d, batchSize: 8, shuffle: true, seed: 42));
        var other = Epoch(new DataLoader(d, batchSize: 8, shuffle: true, seed: 43));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(Enumerable.Range(0, 30).Select(i => (long)i), first.SelectMany(b => b));
    }

    [Fact]
    public void ReenumeratingALoaderReshufflesReproducibly()
    {
        var d = DatasetTests.Numbered(30);
        var a = new DataLoader(d, batchSize: 8, shuffle: true, seed: 1);
        var b = new DataLoader(d, batchSize: 8, shuffle: true, seed: 1);
        var a1 = Epoch(a);
        var a2 = Epoch(a);
        Assert.NotEqual(a1, a2); // a new permutation each epoch, as PyTorch's loader does
        Assert.Equal(a1, Epoch(b));
        Assert.Equal(a2, Epoch(b));
    }

    [Fact]
    public void DropLastWithShuffleDropsOnlyTheShortTail()
    {
        var batches = Epoch(new DataLoader(DatasetTests.Numbered(10), batchSize: 4, shuffle: true, seed: 2, dropLast: true));
        Assert.Equal([4, 4], batches.Select(b => b.Length));
        Assert.Equal(8, batches.SelectMany(b => b).Distinct().Count());
    }

    [Fact]
    public void BatchesOfASplitComeFromItsOwnSamples()
    {
        var (train, test) = DatasetTests.Numbered(20).Split(0.5, seed: 4);
        var trainIds = DatasetTests.Ids(train).ToHashSet();
        var loaded = Epoch(new DataLoader(train, batchSize: 3, shuffle: true)).SelectMany(b => b).ToList();
        Assert.Equal(10, loaded.Count);
        Assert.All(loaded, id => Assert.Contains(id, trainIds));
        Assert.DoesNotContain(DatasetTests.Ids(test), trainIds.Contains);
    }

    [Fact]
    public void BatchSizeMustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader(DatasetTests.Numbered(3), batchSize: 0));
        Assert.Contains("DataLoader: batchSize must be at least 1, got 0", e.Message);
        Assert.Throws<ArgumentNullException>(() => new DataLoader(null!, batchSize: 1));
    }
}
