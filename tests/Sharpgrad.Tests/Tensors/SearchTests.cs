namespace Sharpgrad.Tests.Tensors;

/// <summary>Nonzero, Bincount, SearchSorted and Bucketize on cases worked by hand, edge cases and bad arguments.</summary>
public class SearchTests
{
    private static Tensor Long(params long[] v) => Tensor.From(v);

    [Fact]
    public void NonzeroGivesCoordinatesOrOneTensorPerDim()
    {
        var x = Tensor.From(new[,] { { 0.0, 3 }, { -1, 0 } });
        Assert.Equal(new long[] { 0, 1, 1, 0 }, x.Nonzero().ToArray<long>());
        Assert.Equal([2, 2], x.Nonzero().Shape);
        var (rows, cols) = (x.Nonzero(asTuple: true)[0], x.Nonzero(asTuple: true)[1]);
        Assert.Equal(new long[] { 0, 1 }, rows.ToArray<long>());
        Assert.Equal(new long[] { 1, 0 }, cols.ToArray<long>());
        Assert.Equal([0, 1], Tensor.Zeros(3).Nonzero().Shape);
        Assert.Equal(new[] { 3.0, -1 }, x[rows, cols].ToArray<double>());
    }

    [Fact]
    public void BincountCountsOrSumsWeights()
    {
        Assert.Equal(new long[] { 1, 2, 0, 1 }, Long(3, 1, 0, 1).Bincount().ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 0, 0, 0 }, Long(1).Bincount(minlength: 5).ToArray<long>());
        Assert.Equal(0, Tensor.FromArray(Array.Empty<long>()).Bincount().Count);
        var weighted = Long(2, 0, 2).Bincount(Tensor.From(new[] { 0.5f, 1, 2 }));
        Assert.Equal(DType.Float32, weighted.DType);
        Assert.Equal(new[] { 1f, 0, 2.5f }, weighted.ToArray<float>());
        Assert.Contains("-1", Assert.Throws<ArgumentException>(() => Long(1, -1).Bincount()).Message);
        Assert.Contains("Bincount", Assert.Throws<ArgumentException>(() => Tensor.Ones(2).Bincount()).Message);
    }

    [Fact]
    public void SearchSortedFindsInsertionPoints()
    {
        var seq = Tensor.From(new[] { 1.0, 3, 3, 5 });
        var values = Tensor.From(new[] { 0.0, 3, 4, 9 });
        Assert.Equal(new long[] { 0, 1, 3, 4 }, Tensor.SearchSorted(seq, values).ToArray<long>());
        Assert.Equal(new long[] { 0, 3, 3, 4 }, Tensor.SearchSorted(seq, values, right: true).ToArray<long>());
        // Batched: row r of the values searches row r of the sequence.
        var rows = Tensor.From(new[,] { { 1.0, 2 }, { 10, 20 } });
        Assert.Equal(new long[] { 1, 2, 0, 1 }, Tensor.SearchSorted(rows, Tensor.From(new[,] { { 1.5, 3 }, { 5, 15 } })).ToArray<long>());
        // int64 sequence with float values promotes; a NaN value goes last (PyTorch).
        Assert.Equal(new long[] { 1, 2 }, Tensor.SearchSorted(Long(1, 2), Tensor.From(new[] { 1.5, double.NaN })).ToArray<long>());
        Assert.Contains("leading dims", Assert.Throws<ArgumentException>(() => Tensor.SearchSorted(rows, Tensor.Ones(3, 2))).Message);
    }

    [Fact]
    public void BucketizeUsesBoundariesLeftOpenOrRightOpen()
    {
        var x = Tensor.From(new[,] { { 1.0, 2 }, { 2.5, 6 } });
        var boundaries = Tensor.From(new[] { 1.0, 2, 5 });
        // right = false: b[i−1] < x ≤ b[i]
        Assert.Equal(new long[] { 0, 1, 2, 3 }, x.Bucketize(boundaries).ToArray<long>());
        Assert.Equal(new long[] { 1, 2, 2, 3 }, x.Bucketize(boundaries, right: true).ToArray<long>());
        Assert.Equal([2, 2], x.Bucketize(boundaries).Shape);
    }

    [Fact]
    public void NonzeroOfAZeroDimTensorHasOneRowPerNonzeroValueAndNoColumns()
    {
        // torch.nonzero(torch.tensor(1.)) has shape [1, 0]; of torch.tensor(0.), [0, 0].
        Assert.Equal([1, 0], Tensor.Scalar(1.0).Nonzero().Shape);
        Assert.Equal([0, 0], Tensor.Scalar(0.0).Nonzero().Shape);
    }
}
