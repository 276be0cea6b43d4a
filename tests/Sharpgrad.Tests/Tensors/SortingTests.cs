using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Sort, ArgSort, TopK, Kthvalue and Unique on small hand-worked cases: ties, NaN, dtypes, 0-d, errors.</summary>
public class SortingTests
{
    private static readonly double NaN = double.NaN, Inf = double.PositiveInfinity;

    [Fact]
    public void SortReturnsValuesAndTheirPositions()
    {
        var (values, indices) = Tensor.From([3.0, 1, 2]).Sort();
        Close([1.0, 2, 3], values);
        Assert.Equal([1L, 2, 0], indices.ToArray<long>());
        Assert.Equal(DType.Int64, indices.DType);
    }

    [Fact]
    public void EqualKeysKeepTheirInputOrderAscendingAndDescending()
    {
        var x = Tensor.From([1.0, 2, 1, 2]);
        Assert.Equal([0L, 2, 1, 3], x.ArgSort().ToArray<long>());
        Assert.Equal([1L, 3, 0, 2], x.ArgSort(descending: true).ToArray<long>());
    }

    [Fact]
    public void NaNSortsAboveInfinityAsInPyTorch()
    {
        var x = Tensor.From([1.0, NaN, 3, -Inf]);
        var (up, upIdx) = x.Sort();
        Close([-Inf, 1, 3, NaN], up);
        Assert.Equal([3L, 0, 2, 1], upIdx.ToArray<long>());
        var (down, downIdx) = x.Sort(descending: true);
        Close([NaN, 3, 1, -Inf], down);
        Assert.Equal([1L, 2, 0, 3], downIdx.ToArray<long>());
    }

    [Fact]
    public void IntegerAndBoolTensorsSortInTheirOwnDtype()
    {
        var (ints, _) = Tensor.From([5L, -2, 7, 0]).Sort(descending: true);
        Assert.Equal([7L, 5, 0, -2], ints.ToArray<long>());
        var (bools, idx) = Tensor.From([true, false, true]).Sort();
        Assert.Equal(DType.Bool, bools.DType);
        Assert.Equal([false, true, true], bools.ToArray<bool>());
        Assert.Equal([1L, 0, 2], idx.ToArray<long>());
    }

    [Fact]
    public void LongRowsOnSeveralThreadsMatchAnIndependentStableSort()
    {
        // 40 rows of 3000 values with many repeats: the rows span several parallel chunks.
        var x = (Tensor.Rand([40, 3000], DType.Float64, new Generator(5)) * 50).Long().Double();
        var got = x.ArgSort(dim: 1, descending: true).ToArray<long>();
        var data = x.ToArray<double>();
        for (int r = 0; r < 40; r++)
        {
            var expected = Enumerable.Range(0, 3000).OrderByDescending(j => data[r * 3000 + j]).Select(j => (long)j).ToArray();
            Assert.Equal(expected, got.AsSpan(r * 3000, 3000).ToArray());
        }
    }

    [Fact]
    public void ZeroDimensionalTensorsSortToThemselves()
    {
        var (v, i) = Tensor.Scalar(5.0, DType.Float64).Sort();
        Assert.Equal([], v.Shape);
        Assert.Equal(5.0, v.Item());
        Assert.Equal(0L, i.Item<long>());
        Assert.Equal(5.0, Tensor.Scalar(5.0, DType.Float64).TopK(1).Values.Item());
        Assert.Equal(5.0, Tensor.Scalar(5.0, DType.Float64).Kthvalue(1).Values.Item());
    }

    [Fact]
    public void TopKPrefersTheEarlierPositionAmongTies()
    {
        // PyTorch's order among equal values is unspecified (1.13 gives [2, 4] here); the stable sort gives [1, 2].
        var (values, indices) = Tensor.From([1.0, 3, 3, 2, 3]).TopK(2);
        Close([3.0, 3], values);
        Assert.Equal([1L, 2], indices.ToArray<long>());
        var (smallest, at) = Tensor.From([1.0, 3, 3, 2, 3]).TopK(2, largest: false);
        Close([1.0, 2], smallest);
        Assert.Equal([0L, 3], at.ToArray<long>());
        Assert.Equal([0], Tensor.From([1.0, 2]).TopK(0).Values.Shape);
    }

    [Fact]
    public void KthvalueCountsFromOneInAscendingOrder()
    {
        var x = Tensor.From(new[,] { { 4.0, 1, 3 }, { 0, 9, 5 } });
        var (values, indices) = x.Kthvalue(2);
        Close([3.0, 5], values);
        Assert.Equal([2L, 2], indices.ToArray<long>());
        var (kept, _) = x.Kthvalue(1, dim: 0, keepdim: true);
        Assert.Equal([1, 3], kept.Shape);
        Close([0.0, 1, 3], kept);
        Assert.Equal(1L, Tensor.From([1.0, 3, 3, 2, 3]).Kthvalue(3).Indices.Item<long>()); // the first 3, by the stable order
    }

    [Fact]
    public void SortAndTopKGradientsGoBackToTheElementsTheyCameFrom()
    {
        var x = Tensor.From([3.0, 1, 2]).RequireGrad();
        var (values, _) = x.TopK(2); // [3, 2] from positions 0, 2
        (values * Tensor.From([10.0, 20])).Sum().Backward();
        Close([10.0, 0, 20], x.Grad!);
    }

    [Fact]
    public void UniqueSortsCountsAndInverts()
    {
        var u = Tensor.From([3L, 1, 3, 2]).Unique(returnInverse: true, returnCounts: true);
        Assert.Equal([1L, 2, 3], u.Values.ToArray<long>());
        Assert.Equal([2L, 0, 2, 1], u.Inverse!.ToArray<long>());
        Assert.Equal([1L, 1, 2], u.Counts!.ToArray<long>());
        var plain = Tensor.From([3L, 1, 3, 2]).Unique();
        Assert.Null(plain.Inverse);
        Assert.Null(plain.Counts);
        Assert.Equal([false, true], Tensor.From([true, false, true]).Unique().Values.ToArray<bool>());
    }

    [Fact]
    public void UniqueAlongADimComparesWholeSlices()
    {
        var u = Tensor.From(new long[,] { { 1, 2, 1 }, { 3, 4, 3 } }).Unique(returnInverse: true, returnCounts: true, dim: 1);
        Assert.Equal([2, 2], u.Values.Shape);
        Assert.Equal([1L, 2, 3, 4], u.Values.ToArray<long>());
        Assert.Equal([0L, 1, 0], u.Inverse!.ToArray<long>());
        Assert.Equal([2L, 1], u.Counts!.ToArray<long>());
    }

    [Fact]
    public void UniqueKeepsEveryNaNAndIsNotDifferentiable()
    {
        // NaN ≠ NaN, so each NaN is its own value with count 1 (PyTorch 1.13 lists both but reports count 0).
        var u = Tensor.From([NaN, 1.0, NaN]).RequireGrad().Unique(returnCounts: true);
        Close([1.0, NaN, NaN], u.Values);
        Assert.Equal([1L, 1, 1], u.Counts!.ToArray<long>());
        Assert.False(u.Values.RequiresGrad);
    }

    [Fact]
    public void EmptyTensorsGiveEmptyResults()
    {
        var empty = Tensor.Zeros([2, 0], DType.Float64);
        Assert.Equal([2, 0], empty.Sort().Values.Shape);
        Assert.Equal([2, 0], empty.Sort(0).Indices.Shape);
        Assert.Equal([0, 0], empty.TopK(0, dim: 0).Values.Shape);
        Assert.Equal([2, 0], empty.CumSum(1).Shape);
        Assert.Equal([2, 0], empty.CumProd(0).Shape);
        Assert.Equal([2, 0], empty.LogCumSumExp(-1).Shape);
        Assert.Equal([0], empty.Unique(returnCounts: true).Values.Shape);
        Assert.Equal([2, 0], empty.Roll(1, 1).Shape);
        Assert.Equal([2, 0], empty.Flip(0, 1).Shape);
    }

    [Fact]
    public void BadDimsAndKsNameTheOpAndTheValues()
    {
        var x = Tensor.Zeros(2, 5);
        Assert.Contains("Sort: dim 2", Assert.ThrowsAny<ArgumentException>(() => x.Sort(2)).Message);
        var topk = Assert.Throws<ArgumentException>(() => x.TopK(6)).Message;
        Assert.Contains("TopK: k = 6", topk);
        Assert.Contains("size 5", topk);
        Assert.Contains("[2, 5]", topk);
        Assert.Contains("Kthvalue: k = 0", Assert.Throws<ArgumentException>(() => x.Kthvalue(0)).Message);
        Assert.Contains("Kthvalue: k = 3", Assert.Throws<ArgumentException>(() => x.Kthvalue(3, dim: 0)).Message);
        Assert.Contains("Unique: dim -3", Assert.ThrowsAny<ArgumentException>(() => x.Unique(dim: -3)).Message);
    }
}
