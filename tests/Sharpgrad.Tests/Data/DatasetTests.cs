using Sharpgrad.Data;

namespace Sharpgrad.Tests.Data;

public class DatasetTests
{
    /// <summary>n samples whose input row i is [i, 10i] and target i, so every value says which sample it is.</summary>
    internal static TensorDataset Numbered(int n)
    {
        var ids = Tensor.Arange(n);
        return new TensorDataset(Tensor.Stack([ids.Float(), ids.Float() * 10.0], dim: 1), ids);
    }

    internal static long[] Ids(Dataset d) => d.Count == 0 ? [] : d.GetBatch(Enumerable.Range(0, d.Count).ToArray()).Target.ToArray<long>();

    [Fact]
    public void TensorDatasetItemsAreRowsOfBothTensors()
    {
        var d = Numbered(5);
        Assert.Equal(5, d.Count);
        var (x, y) = d[3];
        Assert.Equal([3.0, 30.0], x.ToDoubleArray());
        Assert.Equal(3L, y.Item<long>());
    }

    [Fact]
    public void TensorDatasetRejectsMismatchedFirstDims()
    {
        var e = Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Zeros(10, 3), Tensor.Zeros(9)));
        Assert.Contains("TensorDataset", e.Message);
        Assert.Contains("[10, 3]", e.Message);
        Assert.Contains("[9]", e.Message);
        Assert.Contains("10 vs 9", e.Message);
        Assert.Throws<ArgumentException>(() => new TensorDataset(Tensor.Scalar(1), Tensor.Scalar(1)));
    }

    [Fact]
    public void IndexOutOfRangeNamesTheDatasetAndItsSize()
    {
        var e = Assert.Throws<IndexOutOfRangeException>(() => Numbered(4)[4]);
        Assert.Contains("TensorDataset: index 4", e.Message);
        Assert.Contains("4 samples", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => Numbered(4)[-1]);
        Assert.Throws<IndexOutOfRangeException>(() => Numbered(4).GetBatch([0, 7]));
    }

    [Fact]
    public void TensorDatasetBatchEqualsStackedItems()
    {
        var d = Numbered(6);
        int[] picks = [4, 0, 4, 2];
        var (x, y) = d.GetBatch(picks);
        Assert.Equal([4, 2], x.Shape);
        Assert.True(x.Eq(Tensor.Stack(picks.Select(i => d[i].Input).ToArray())).All());
        Assert.Equal([4L, 0, 4, 2], y.ToArray<long>());
    }

    /// <summary>A dataset that only knows single items, to exercise the default GetBatch.</summary>
    private sealed class Squares(int n) : Dataset
    {
        public override int Count => n;
        protected override (Tensor Input, Tensor Target) GetItem(int index)
            => (Tensor.FromArray(new double[] { index, index * index }), Tensor.Scalar(index * index, DType.Int64));
    }

    [Fact]
    public void DefaultGetBatchStacksItems()
    {
        var (x, y) = new Squares(5).GetBatch([3, 1]);
        Assert.Equal([2, 2], x.Shape);
        Assert.Equal([3.0, 9, 1, 1], x.ToDoubleArray());
        Assert.Equal([2], y.Shape);
        Assert.Equal([9L, 1], y.ToArray<long>());
    }

    [Fact]
    public void SubsetMapsItsIndicesAndBatchesThroughTheUnderlyingDataset()
    {
        var d = Numbered(10);
        var s = new Subset(d, [7, 2, 5]);
        Assert.Equal(3, s.Count);
        Assert.Equal(2L, s[1].Target.Item<long>());
        var (x, y) = s.GetBatch([2, 0]);
        Assert.Equal([5L, 7], y.ToArray<long>());
        Assert.Equal([50.0, 70.0], x[.., 1].ToDoubleArray());
        // A subset of a subset maps through both.
        var inner = new Subset(s, [2, 1]);
        Assert.Equal([5L, 2], Ids(inner));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subset(d, [10]));
        Assert.Throws<IndexOutOfRangeException>(() => s[3]);
    }

    [Fact]
    public void SubsetCopiesItsIndexArray()
    {
        int[] picks = [1, 2];
        var s = new Subset(Numbered(5), picks);
        picks[0] = 4;
        Assert.Equal(1L, s[0].Target.Item<long>());
    }

    [Fact]
    public void SplitSizesRoundAndTheLastPartTakesTheRemainder()
    {
        var parts = Numbered(100).Split([0.7, 0.15, 0.15], seed: 1);
        Assert.Equal([70, 15, 15], parts.Select(p => p.Count));
        // 0.25 · 10 = 2.5 rounds to 3; the last part takes 10 − 3 − 3.
        Assert.Equal([3, 3, 4], Dataset.SplitSizes([0.25, 0.25, 0.5], 10));
        // Fractions adding to less than 1 leave samples out: round(0.3 · 10) = 3 samples in all.
        Assert.Equal([1, 2], Dataset.SplitSizes([0.1, 0.2], 10));
    }

    [Fact]
    public void SplitPartsAreDisjointAndCoverEverySample()
    {
        var parts = Numbered(50).Split([0.5, 0.3, 0.2], seed: 3);
        var all = parts.SelectMany(Ids).ToList();
        Assert.Equal(50, all.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), all.Order());
    }

    [Fact]
    public void SplitIsDeterminedByTheSeed()
    {
        var d = Numbered(40);
        var (a, _) = d.Split(0.75, seed: 7);
        var (b, _) = d.Split(0.75, seed: 7);
        var (c, _) = d.Split(0.75, seed: 8);
        Assert.Equal(30, a.Count);
        Assert.Equal(Ids(a), Ids(b));
        Assert.NotEqual(Ids(a), Ids(c));
        // Shuffled, not the first 30 in order.
        Assert.NotEqual(Enumerable.Range(0, 30).Select(i => (long)i), Ids(a));
    }

    [Fact]
    public void SplitValidatesFractions()
    {
        var d = Numbered(10);
        Assert.Contains("more than 1", Assert.Throws<ArgumentException>(() => d.Split([0.6, 0.5])).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => d.Split([0.6, -0.1])).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => d.Split([0.6, 0])).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => d.Split([double.NaN])).Message);
        Assert.Throws<ArgumentException>(() => d.Split(Array.Empty<double>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Split(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Split(0.0));
        // Rounding error of fractions that add to 1 on paper is tolerated.
        Assert.Equal(10, d.Split([0.7, 0.2, 0.1]).Sum(p => p.Count));
        // 0.3 · 5 = 1.5 rounds up to 2 three times, which already exceeds the 5 samples.
        Assert.Contains("too few", Assert.Throws<ArgumentException>(() => Dataset.SplitSizes([0.3, 0.3, 0.3, 0.1], 5)).Message);
    }
}
