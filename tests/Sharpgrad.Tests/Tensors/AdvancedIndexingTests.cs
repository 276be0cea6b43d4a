namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// The indexer with index tensors, following NumPy's and PyTorch's rules (checked against PyTorch 1.13 by hand and in
/// IndexingFixtureTests): shapes, negative entries, where the indexed dims go, masks over several dims.
/// </summary>
public class AdvancedIndexingTests
{
    private static Tensor Long(params long[] v) => Tensor.From(v);

    private static Tensor Arange(params int[] shape) => Tensor.Arange(0, shape.Aggregate(1, (a, b) => a * b), dtype: DType.Int64).Reshape(shape);

    [Fact]
    public void NegativeEntriesCountFromTheEnd()
    {
        var x = Arange(3, 2);
        Assert.Equal(new long[] { 4, 5, 0, 1 }, x[Long(-1, 0)].ToArray<long>());
        var e = Assert.Throws<IndexOutOfRangeException>(() => x[Long(-4)]);
        Assert.Contains("Index: index -4 is out of bounds for dim 0 of size 3", e.Message);
        Assert.Contains("index 2 is out of bounds for dim 1 of size 2", Assert.Throws<IndexOutOfRangeException>(() => x[.., Long(2)]).Message);
    }

    [Fact]
    public void ShapesFollowNumPysRules()
    {
        var x = Arange(2, 3, 4, 5);
        var pair = Long(0, 1);
        Assert.Equal([2, 2, 3, 4, 5], x[Tensor.From(new long[,] { { 0, 1 }, { 1, 0 } })].Shape); // idx.shape + rest
        Assert.Equal([2, 2, 5], x[.., pair, pair].Shape);       // adjacent: in place of the indexed dims
        Assert.Equal([2, 3, 5], x[pair, .., pair, ..].Shape);    // separated by a slice: first
        Assert.Equal([3, 2, 5], x[0, .., pair].Shape);           // an integer selects first (PyTorch, unlike NumPy)
        Assert.Equal([2, 3, 2, 2], x[.., .., Tensor.From(new long[,] { { 0 }, { 1 } }), Long(0, 4)].Shape); // B = [2, 2] broadcast
    }

    [Fact]
    public void IndexTensorsPickElementsTogether()
    {
        var x = Arange(3, 4);
        // Elements (0, 3) and (2, 1), then rows {0, 2} × cols {1, 3} by broadcasting a column against a row.
        Assert.Equal(new long[] { 3, 9 }, x[Long(0, 2), Long(3, 1)].ToArray<long>());
        Assert.Equal(new long[] { 1, 3, 9, 11 }, x[Tensor.From(new long[,] { { 0 }, { 2 } }), Long(1, 3)].ToArray<long>());
    }

    [Fact]
    public void AMaskIndexesTheDimsItCovers()
    {
        var x = Arange(2, 3, 2);
        var mask = Tensor.From(new[] { true, false, false, false, false, true }).Reshape(2, 3);
        var y = x[mask];
        Assert.Equal([2, 2], y.Shape);
        Assert.Equal(new long[] { 0, 1, 10, 11 }, y.ToArray<long>());
        Assert.Equal(new long[] { 0, 1, 4, 5, 6, 7, 10, 11 }, x[.., Tensor.From(new[] { true, false, true })].ToArray<long>());
        Assert.Throws<ArgumentException>(() => x[Tensor.From(new[] { true, false, true })]);
    }

    [Fact]
    public void AssignmentThroughIndexTensorsWritesInPlace()
    {
        var x = Tensor.Zeros([3, 3], DType.Float64);
        x[Long(0, -1), Long(1, 1)] = Tensor.From(new[] { 4.0, 5 });
        x[.., Long(0)] = Tensor.Scalar(1.0);
        Assert.Equal(new[] { 1.0, 4, 0, 1, 0, 0, 1, 5, 0 }, x.ToArray<double>());
    }
}
