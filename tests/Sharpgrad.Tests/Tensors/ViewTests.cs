using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Views share storage with their base; shape ops that cannot be views copy, and only then.</summary>
public class ViewTests
{
    private static Tensor Matrix() => Tensor.Arange(12).View(3, 4).Double();

    [Fact]
    public void WritesThroughAViewAreVisibleInTheBase()
    {
        var x = Matrix();
        x.View(12)[5..7].Fill(-1);
        x.T[0].Fill(100);                 // column 0
        x.Select(0, 2).Narrow(0, 1, 2).Zero(); // row 2, columns 1..2
        x[1, ^1] = Tensor.Scalar(42);
        Close([100, 1, 2, 3, 100, -1, -1, 42, 100, 0, 0, 11], x, 0);
    }

    [Fact]
    public void ExpandUsesStrideZero()
    {
        var row = Tensor.From(new[] { 1.0, 2, 3 });
        var e = row.Expand(4, 3);
        Assert.Equal(new[] { 4, 3 }, e.Shape);
        Assert.Equal(new[] { 0, 1 }, e.Strides);
        Assert.False(e.IsContiguous);
        var column = Tensor.Zeros([2, 1], DType.Float64).Expand(-1, 5);
        Assert.Equal(new[] { 2, 5 }, column.Shape);
        Assert.Equal(0, column.Strides[1]);
        row.Fill(7); // the expanded view sees the base change: no copy was made
        Close(Enumerable.Repeat(7.0, 12).ToArray(), e, 0);
    }

    [Fact]
    public void ContiguousCopiesOnlyWhenNeeded()
    {
        var x = Matrix();
        Assert.True(x.IsContiguous);
        Assert.Same(x, x.Contiguous());
        var t = x.T;
        Assert.False(t.IsContiguous);
        var c = t.Contiguous();
        Assert.NotSame(t, c);
        Assert.True(c.IsContiguous);
        Assert.Equal(new[] { 3, 1 }, c.Strides);
        Close(t, c, 0);
        c.Fill(0); // a copy: the base is untouched
        Assert.Equal(66, x.Sum().Item());
        // A narrowed block of rows is still contiguous (offset only) and is not copied.
        var rows = x[1..3];
        Assert.True(rows.IsContiguous);
        Assert.Same(rows, rows.Contiguous());
    }

    [Fact]
    public void ReshapeOfATransposeCopiesButOfAContiguousTensorIsAView()
    {
        var x = Matrix();
        var view = x.Reshape(2, 6);
        view.View(-1)[0..1].Fill(-5);
        Assert.Equal(-5, x[0, 0].Item());

        var copied = x.T.Reshape(12);
        Close([-5, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11], copied, 0);
        copied.Fill(0);
        Assert.Equal(-5 + 66, x.Sum().Item());
    }

    [Fact]
    public void ViewRejectsANonContiguousTensor()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Matrix().T.View(12));
        Assert.Contains("View", e.Message);
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("Reshape", e.Message);
    }

    [Fact]
    public void PermuteAndTransposeRoundTrip()
    {
        var x = Tensor.Arange(24).View(2, 3, 4);
        var p = x.Permute(2, 0, 1);
        Assert.Equal(new[] { 4, 2, 3 }, p.Shape);
        Assert.Equal(x[1, 2, 3].Item(), p[3, 1, 2].Item());
        var back = p.Permute(1, 2, 0);
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal(x.Strides, back.Strides);
        Assert.Equal(x.ToArray<long>(), back.ToArray<long>());
        Assert.Equal(x.ToArray<long>(), x.Transpose(0, 2).Transpose(2, 0).ToArray<long>());
        Assert.Equal(x.Transpose(0, 2).Shape, x.Transpose(-1, -3).Shape);
        Assert.Equal(new[] { 4, 3 }, Matrix().T.Shape);
        Assert.Throws<ArgumentException>(() => x.Permute(0, 0, 1));
    }

    [Fact]
    public void NegativeDimsCountFromTheEnd()
    {
        var x = Tensor.Arange(24).View(2, 3, 4);
        Assert.Equal(4, x.Size(-1));
        Assert.Equal(x.Sum(2).ToArray<long>(), x.Sum(-1).ToArray<long>());
        Assert.Equal(new[] { 2, 3, 4, 1 }, x.Unsqueeze(-1).Shape);
        Assert.Equal(new[] { 2, 3, 1, 4 }, x.Unsqueeze(-2).Shape);
        Assert.Equal(x.Select(1, 2).ToArray<long>(), x.Select(-2, -1).ToArray<long>());
        Assert.Equal(new[] { 6, 4 }, x.Flatten(0, -2).Shape);
    }

    [Fact]
    public void SqueezeAndUnsqueeze()
    {
        var x = Tensor.Zeros(1, 3, 1, 2);
        Assert.Equal(new[] { 3, 2 }, x.Squeeze().Shape);
        Assert.Equal(new[] { 1, 3, 2 }, x.Squeeze(2).Shape);
        Assert.Equal(new[] { 1, 3, 1, 2 }, x.Squeeze(1).Shape); // size 3: left alone, as in PyTorch
        Assert.Equal(new[] { 3, 2 }, x.Squeeze(0, -2).Shape);
        Assert.Equal(new[] { 1, 1, 3, 1, 2 }, x.Unsqueeze(0).Shape);
        Assert.Equal(new[] { 1, 3, 1, 2, 1 }, x.Unsqueeze(4).Shape);
        var v = Tensor.From(new[] { 1.0, 2 });
        var u = v.Unsqueeze(1);
        u.Fill(3);
        Close([3, 3], v, 0);
    }

    [Fact]
    public void FlattenAndViewInferTheMissingSize()
    {
        var x = Tensor.Arange(24).View(2, -1, 4);
        Assert.Equal(new[] { 2, 3, 4 }, x.Shape);
        Assert.Equal(new[] { 24 }, x.Flatten().Shape);
        Assert.Equal(new[] { 2, 12 }, x.Flatten(1).Shape);
        Assert.Equal(new[] { 1 }, Tensor.Scalar(1).Flatten().Shape);
        Assert.Equal(new int[0], Tensor.Ones(1).Reshape().Shape);
    }

    [Fact]
    public void EmptyTensorsAreContiguousAndReshape()
    {
        var e = Tensor.Zeros(2, 0, 3);
        Assert.True(e.IsContiguous);
        Assert.Equal(new[] { 2, 0 }, e.Flatten(1).Shape);
        Assert.Equal(new[] { 0, 3 }, e.Reshape(-1, 3).Shape);
        Assert.Equal(new[] { 0 }, e.View(-1).Shape);
        Assert.Equal(new[] { 3, 0, 2 }, e.Permute(2, 1, 0).Contiguous().Shape);
    }

    [Fact]
    public void SliceWithStep()
    {
        var v = Tensor.Arange(10);
        Assert.Equal(new long[] { 1, 4, 7 }, v.Slice(0, 1, 9, 3).ToArray<long>());
        Assert.Equal(new long[] { 6, 8 }, v.Slice(0, -4, -1, 2).ToArray<long>());
        Assert.Equal(new long[] { 8, 9 }, v.Slice(0, 8, 100).ToArray<long>());
        Assert.Empty(v.Slice(0, 5, 2).ToArray<long>());
        Assert.Equal(new[] { 5 }, v.Slice(0, 0, 10, 5).Strides);
        Assert.Throws<ArgumentException>(() => v.Slice(0, 0, 5, 0));
    }

    [Fact]
    public void NarrowAndSelect()
    {
        var x = Matrix();
        Close([4, 5, 6, 7, 8, 9, 10, 11], x.Narrow(0, 1, 2), 0);
        Close([1, 5, 9], x.Select(1, 1), 0);
        Assert.Equal(new[] { 3 }, x.Select(1, 1).Shape);
        Assert.Throws<ArgumentOutOfRangeException>(() => x.Narrow(1, 3, 2));
        Assert.Throws<IndexOutOfRangeException>(() => x.Select(0, 3));
    }

    [Fact]
    public void CatAndStack()
    {
        var a = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        var b = Tensor.From(new[,] { { 5.0, 6 } });
        Close([1, 2, 3, 4, 5, 6], Tensor.Cat([a, b]), 0);
        var side = Tensor.Cat([a, a.T], 1);
        Shape([2, 4], side);
        Close([1, 2, 1, 3, 3, 4, 2, 4], side, 0);
        var s = Tensor.Stack([a, a * 10], 1);
        Shape([2, 2, 2], s);
        Close([1, 2, 10, 20, 3, 4, 30, 40], s, 0);
        Shape([2, 2, 2], Tensor.Stack([a, a], -1));
        // Mixed dtypes promote, as in PyTorch.
        Assert.Equal(DType.Float64, Tensor.Cat([Tensor.From(new long[] { 1 }), Tensor.From(new[] { 2.5 })]).DType);
    }

    [Fact]
    public void SplitAndChunkReturnViews()
    {
        var v = Tensor.Arange(7).Double();
        var pieces = v.Split(3);
        Assert.Equal(new[] { 3, 3, 1 }, pieces.Select(p => p.Count).ToArray());
        Close([6], pieces[2], 0);
        var sized = v.Split([2, 5]);
        Close([2, 3, 4, 5, 6], sized[1], 0);
        var chunks = v.Chunk(3);  // ceil(7/3) = 3 per chunk, as in PyTorch
        Assert.Equal(new[] { 3, 3, 1 }, chunks.Select(p => p.Count).ToArray());
        Assert.Equal(4, Tensor.Arange(8).Chunk(4).Length);
        Assert.Equal(2, Tensor.Arange(2).Chunk(5).Length);
        chunks[1].Fill(-1);
        Close([0, 1, 2, -1, -1, -1, 6], v, 0);
        var columns = Matrix().Split(2, 1);
        Shape([3, 2], columns[1]);
        Close([2, 3, 6, 7, 10, 11], columns[1], 0);
        Assert.Throws<ArgumentException>(() => v.Split([2, 2]));
    }

    [Fact]
    public void DetachSharesStorageButNotTheGraph()
    {
        var x = Tensor.From(new[] { 1.0, 2 }).RequireGrad();
        var d = x.Detach();
        Assert.False(d.RequiresGrad);
        using (Sharpgrad.Autograd.NoGrad()) d.Fill(5);
        Close([5, 5], x, 0);
    }

    [Fact]
    public void CloneOwnsItsStorage()
    {
        var x = Tensor.From(new[] { 1.0, 2 });
        var c = x.Clone();
        c.Fill(0);
        Close([1, 2], x, 0);
    }
}
