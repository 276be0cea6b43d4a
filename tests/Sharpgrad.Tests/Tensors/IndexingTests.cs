using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Subscripts (integers, ranges, ^, Ellipsis, NewAxis, masks), index tensors and scatter/gather.</summary>
public class IndexingTests
{
    /// <summary>x[i, j] = 4i + j.</summary>
    private static Tensor Matrix() => Tensor.Arange(12).View(3, 4);

    private static Tensor Long(params long[] values) => Tensor.From(values);

    [Fact]
    public void IntegersSelectAndRangesSlice()
    {
        var x = Matrix();
        Assert.Equal(new long[] { 4, 5, 6, 7 }, x[1].ToArray<long>());
        Assert.Equal(6, x[1, 2].Item());
        Assert.Equal(0, x[1, 2].Rank);
        Assert.Equal(11, x[-1, -1].Item());
        Assert.Equal(new long[] { 1, 5, 9 }, x[.., 1].ToArray<long>());
        Assert.Equal(new[] { 2, 4 }, x[1..3].Shape);
        Assert.Equal(new long[] { 5, 6, 9, 10 }, x[1..3, 1..3].ToArray<long>());
        Assert.Equal(new long[] { 0, 2, 8, 10 }, x[TensorIndex.Slice(null, null, 2), TensorIndex.Slice(0, 4, 2)].ToArray<long>());
        Assert.Equal(new long[] { 9, 10 }, x[TensorIndex.Slice(-1), TensorIndex.Slice(1, -1)].ToArray<long>());
    }

    [Fact]
    public void HatIndicesCountFromTheEnd()
    {
        var x = Matrix();
        Assert.Equal(new long[] { 8, 9, 10, 11 }, x[^1].ToArray<long>());
        Assert.Equal(7, x[1, ^1].Item());
        Assert.Equal(new long[] { 2, 3, 6, 7 }, x[..^1, ^2..].ToArray<long>());
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }, x[^2..].ToArray<long>());
        // A bound before the start clamps to it, as Python's x[-5:] does on a dim of size 3.
        Assert.Equal(new long[] { 0, 1, 2 }, Tensor.Arange(3)[^5..].ToArray<long>());
        Assert.Throws<IndexOutOfRangeException>(() => x[^0]);
        Assert.Throws<IndexOutOfRangeException>(() => x[^4]);
    }

    [Fact]
    public void EllipsisAndNewAxis()
    {
        var x = Tensor.Arange(24).View(2, 3, 4);
        Assert.Equal(new long[] { 1, 5, 9, 13, 17, 21 }, x[TensorIndex.Ellipsis, 1].ToArray<long>());
        Assert.Equal(new[] { 2, 3 }, x[TensorIndex.Ellipsis, 1].Shape);
        Assert.Equal(new[] { 3, 4 }, x[1, TensorIndex.Ellipsis].Shape);
        Assert.Equal(new[] { 3 }, x[1, TensorIndex.Ellipsis, 2].Shape);
        Assert.Equal(new[] { 1, 2, 3, 4 }, x[TensorIndex.NewAxis].Shape);
        Assert.Equal(new[] { 2, 1, 3, 4 }, x[.., TensorIndex.NewAxis].Shape);
        Assert.Equal(new[] { 2, 3, 4, 1 }, x[TensorIndex.Ellipsis, TensorIndex.NewAxis].Shape);
        Assert.Equal(new[] { 2, 1, 4 }, x[.., TensorIndex.NewAxis, 0].Shape);
    }

    [Fact]
    public void TooManyIndicesThrow()
    {
        var e = Assert.Throws<IndexOutOfRangeException>(() => Matrix()[0, 0, 0]);
        Assert.Contains("[3, 4]", e.Message);
    }

    [Fact]
    public void BoolMasksSelectAndAssign()
    {
        var x = Matrix().Double();
        var mask = x.Gt(8);
        Close([9, 10, 11], x[mask], 0);
        Assert.Equal(1, x[mask].Rank);
        x[mask] = Tensor.Scalar(-1);
        Close([0, 1, 2, 3, 4, 5, 6, 7, 8, -1, -1, -1], x, 0);
        // A row mask broadcasts over the columns.
        var rows = Tensor.From(new[] { true, false, true }).View(3, 1);
        Close([0, 1, 2, 3, 8, -1, -1, -1], x.MaskedSelect(rows), 0);
    }

    [Fact]
    public void AssignmentThroughRangesWritesIntoTheBase()
    {
        var x = Tensor.Zeros([3, 4], DType.Float64);
        x[1..3, 1] = Tensor.From(new[] { 5.0, 6 });
        x[0] = Tensor.Scalar(1);                         // broadcast scalar
        x[.., ^1] = Tensor.From(new long[] { 7, 8, 9 }); // converted to the tensor's dtype
        Close([1, 1, 1, 7, 0, 5, 0, 8, 0, 6, 0, 9], x, 0);
        x[Long(0, -1), 2] = Tensor.From(new[] { -1.0, -2 }); // through index tensors too (IndexPut), negatives from the end
        Close([1, 1, -1, 7, 0, 5, 0, 8, 0, 6, -2, 9], x, 0);
    }

    [Fact]
    public void IndexTensorsSelectAlongTheFirstDim()
    {
        var x = Matrix();
        Assert.Equal(new long[] { 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11 }, x[Long(2, 0, 2)].ToArray<long>());
        Assert.Equal(new long[] { 3, 0, 7, 4, 11, 8 }, x[.., Long(3, 0)].ToArray<long>());
        Assert.Throws<ArgumentException>(() => x[Tensor.From(new[] { 1.0 })]);
    }

    [Fact]
    public void IndexSelectAndIndexAdd()
    {
        var x = Matrix().Double();
        Close([1, 1, 0, 5, 5, 4, 9, 9, 8], x.IndexSelect(1, Long(1, 1, 0)), 0);
        var acc = Tensor.Zeros([3, 2], DType.Float64).IndexAdd(0, Long(2, 0, 2), Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 }, { 5, 6 } }));
        Close([3, 4, 0, 0, 6, 8], acc, 0); // repeated index 2 accumulates both rows
        var e = Assert.Throws<IndexOutOfRangeException>(() => x.IndexSelect(0, Long(3)));
        Assert.Contains("IndexSelect", e.Message);
    }

    [Fact]
    public void GatherPicksOneElementPerPosition()
    {
        // out[i, j] = x[i, index[i, j]]: e.g. the log-probability of each label.
        var x = Matrix();
        var picked = x.Gather(1, Tensor.From(new long[,] { { 3, 0 }, { 1, 1 }, { 0, 2 } }));
        Assert.Equal(new long[] { 3, 0, 5, 5, 8, 10 }, picked.ToArray<long>());
        var columns = x.Gather(0, Tensor.From(new long[,] { { 2, 0, 1, 2 } }));
        Assert.Equal(new long[] { 8, 1, 6, 11 }, columns.ToArray<long>());
        // Gather from a non-contiguous view reads the view's elements.
        Assert.Equal(new long[] { 8, 1 }, x.T.Gather(1, Tensor.From(new long[,] { { 2 }, { 0 } })).ToArray<long>());
    }

    [Fact]
    public void ScatterWritesAndScatterAddAccumulates()
    {
        var zeros = Tensor.Zeros([2, 4], DType.Float64);
        var index = Tensor.From(new long[,] { { 3, 0 }, { 1, 1 } });
        var src = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        Close([2, 0, 0, 1, 0, 4, 0, 0], zeros.Scatter(1, index, src), 0);    // repeated index: the last write wins
        Close([2, 0, 0, 1, 0, 7, 0, 0], zeros.ScatterAdd(1, index, src), 0); // repeated index: 3 + 4
        Close([9, 0, 0, 9, 0, 9, 0, 0], zeros.Scatter(1, index, 9.0), 0);
        Close([0, 0, 0, 0, 0, 0, 0, 0], zeros, 0); // out of place
    }

    [Fact]
    public void WhereBroadcastsAllThreeOperands()
    {
        var cond = Tensor.From(new[] { true, false, true });
        var y = Tensor.Where(cond, Tensor.From(new[] { 1.0, 2, 3 }), Tensor.Zeros([2, 1], DType.Float64));
        Shape([2, 3], y);
        Close([1, 0, 3, 1, 0, 3], y, 0);
        var e = Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Ones(3), Tensor.Ones(3), Tensor.Ones(3)));
        Assert.Contains("bool", e.Message);
    }
}
