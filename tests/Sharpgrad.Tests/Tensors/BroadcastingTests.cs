using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>NumPy/PyTorch broadcasting: shapes align from the right, and size-1 dims stretch.</summary>
public class BroadcastingTests
{
    [Fact]
    public void ColumnPlusRowIsTheOuterSum()
    {
        var column = Tensor.From(new[] { 0.0, 10, 20 }).View(3, 1);
        var row = Tensor.From(new[] { 1.0, 2, 3, 4 }).View(1, 4);
        var y = column + row;
        Shape([3, 4], y);
        Close([1, 2, 3, 4, 11, 12, 13, 14, 21, 22, 23, 24], y, 0);
        Close([0, 0, 0, 0, 10, 20, 30, 40, 20, 40, 60, 80], column * row, 0);
    }

    [Fact]
    public void AVectorAddsToEveryRow()
    {
        var m = Tensor.From(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 } });
        var v = Tensor.From(new[] { 10.0, 20, 30 });
        Close([11, 22, 33, 14, 25, 36], m + v, 0);
        Close([-9, -18, -27, -6, -15, -24], m - v, 0);
        Close([0.1, 0.1, 0.1, 0.4, 0.25, 0.2], m / v, 1e-15);
    }

    [Fact]
    public void ZeroDimTensorsAndDoublesBroadcastEverywhere()
    {
        var m = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        Close([3, 4, 5, 6], m + Tensor.Scalar(2, DType.Float64), 0);
        Close([2, 4, 6, 8], 2 * m, 0);
        Close([1, 0.5, 1.0 / 3, 0.25], 1 / m, 1e-15);
        Close([-1, 0, 1, 2], m - 2, 0);
    }

    [Fact]
    public void LeadingDimsAreAdded()
    {
        // [2,1,3] ⊙ [4,1] → [2,4,3]
        var a = Tensor.Arange(6).View(2, 1, 3).Double();
        var b = Tensor.Arange(4).View(4, 1).Double();
        var y = a * b;
        Shape([2, 4, 3], y);
        Assert.Equal(5 * 3, y[1, 3, 2].Item());
        Assert.Equal(2 * 2, y[0, 2, 2].Item());
    }

    [Fact]
    public void BroadcastingWorksOnStridedViews()
    {
        var m = Tensor.Arange(12).View(3, 4).Double();
        var t = m.T; // [4, 3], strides (1, 4)
        var y = t + Tensor.From(new[] { 100.0, 200, 300 });
        Close([100, 204, 308, 101, 205, 309, 102, 206, 310, 103, 207, 311], y, 0);
        var everyOther = m[.., TensorIndex.Slice(null, null, 2)]; // [3, 2] with stride 2
        Close([0, 4, 8, 12, 24, 30], everyOther * Tensor.From(new[] { 1.0, 1, 2 }).View(3, 1) + everyOther, 0);
    }

    [Fact]
    public void GradientsAreSummedBackToTheOperandShape()
    {
        var column = Tensor.Ones([3, 1], DType.Float64).RequireGrad();
        var row = Tensor.Ones([4], DType.Float64).RequireGrad();
        (column * row * 2).Sum().Backward();
        Shape([3, 1], column.Grad!);
        Close([8, 8, 8], column.Grad!, 0);
        Close([6, 6, 6, 6], row.Grad!, 0);
    }

    [Fact]
    public void IncompatibleShapesNameBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Contains("Add", e.Message);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) * Tensor.Zeros(3, 2));
    }

    [Fact]
    public void InPlaceAddBroadcastsTheOtherOperandOnly()
    {
        var x = Tensor.Zeros([2, 3], DType.Float64);
        x.AddInPlace(Tensor.From(new[] { 1.0, 2, 3 }), alpha: 2);
        Close([2, 4, 6, 2, 4, 6], x, 0);
        // The result would be [2, 2, 3], which does not fit x.
        var e = Assert.Throws<ArgumentException>(() => x.AddInPlace(Tensor.Zeros([2, 1, 3], DType.Float64)));
        Assert.Contains("AddInPlace", e.Message);
    }
}
