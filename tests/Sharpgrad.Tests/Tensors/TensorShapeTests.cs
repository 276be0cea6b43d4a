namespace Sharpgrad.Tests.Tensors;

/// <summary>Tensor.Shape prints as [2, 3] (it printed System.Int32[]), compares by value and goes where int[] goes.</summary>
public class TensorShapeTests
{
    [Fact]
    public void ShapePrintsLikeTorchSize()
    {
        var x = Tensor.Zeros(2, 3);
        Assert.Equal("[2, 3]", x.Shape.ToString());
        Assert.Equal("[2, 3]", x.ShapeText);
        Assert.Equal("[]", Tensor.Scalar(1.0).Shape.ToString());
        Assert.Equal("shape [2, 3]", $"shape {x.Shape}");
    }

    [Fact]
    public void ShapeComparesByValueAndActsAsAnArray()
    {
        var x = Tensor.Zeros(2, 3, 4);
        Assert.Equal(Tensor.Ones(2, 3, 4).Shape, x.Shape);
        Assert.True(x.Shape == Tensor.Ones([2, 3, 4]).Shape);
        Assert.NotEqual(x.Shape, x.Transpose(0, 2).Shape);
        Assert.Equal(4, x.Shape[^1]);
        Assert.Equal([3, 4], x.Shape[1..]);
        Assert.Equal(24, x.Shape.Volume());
        int[] copy = x.Shape;                // an independent copy: the tensor's shape cannot be changed through it
        copy[0] = 99;
        Assert.Equal(2, x.Size(0));
        Assert.Equal([2, 3, 4], Tensor.Zeros(x.Shape).Shape);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => x.Shape[-1]);
        Assert.Contains("^1", error.Message);
        TensorShape literal = [2, 3, 4];
        Assert.Equal(literal, x.Shape);
    }
}
