namespace Sharpgrad.Tests.Tensors;

/// <summary>Bad input raises an exception naming the operation, the shapes or dtypes involved and what was expected.</summary>
public class ErrorMessageTests
{
    private static void Mentions(Exception e, params string[] parts)
    {
        foreach (var part in parts) Assert.Contains(part, e.Message);
    }

    [Fact]
    public void MatMulNamesBothShapesAndTheMismatch()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(32, 784).MatMul(Tensor.Zeros(128, 10)));
        Mentions(e, "MatMul", "[32, 784]", "[128, 10]", "784 != 128");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(5, 3))), "MatMul", "[2, 3, 4]", "[5, 3]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3, 4).MatMul(Tensor.Zeros(3, 4, 5))), "MatMul", "[2]", "[3]");
    }

    [Fact]
    public void BroadcastingNamesBothShapes()
    {
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4)), "Add", "[2, 3]", "[4]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Mul(Tensor.Zeros(3, 3))), "Mul", "[2, 3]", "[3, 3]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).Lt(Tensor.Zeros(3))), "Lt", "[2]", "[3]");
    }

    [Fact]
    public void ViewOnANonContiguousTensor() =>
        Mentions(Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 3).T.View(6)), "View", "[3, 2]", "contiguous");

    [Fact]
    public void DimOutOfRange()
    {
        Mentions(Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Sum(2)), "Sum", "dim 2", "rank 2");
        Mentions(Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Softmax(-3)), "Softmax", "dim -3");
        Mentions(Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Transpose(0, 5)), "Transpose", "dim 5");
        Mentions(Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Max(3)), "Max", "dim 3");
        Mentions(Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Unsqueeze(4)), "Unsqueeze", "dim 4");
        Mentions(Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2, 3).Size(2)), "Size");
    }

    [Fact]
    public void ReshapeWithAnIncompatibleSize()
    {
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Reshape(4, 2)), "Reshape", "[4, 2]", "6");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).T.Reshape(5, -1)), "Reshape", "[5, -1]", "6");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).View(-1, -1)), "View", "-1");
    }

    [Fact]
    public void CatWithMismatchedShapes()
    {
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Cat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)])), "Cat", "[2, 3]", "[2, 4]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Cat([])), "Cat");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Cat([Tensor.Scalar(1), Tensor.Scalar(2)])), "Cat", "zero-dimensional");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Stack([Tensor.Zeros(2), Tensor.Zeros(3)])), "Stack", "[2]", "[3]");
    }

    [Fact]
    public void IndexOutOfRange()
    {
        var x = Tensor.Zeros(3, 4);
        Mentions(Assert.Throws<IndexOutOfRangeException>(() => x.Gather(1, Tensor.From(new long[,] { { 4 } }))), "Gather", "index 4", "size 4");
        Mentions(Assert.Throws<IndexOutOfRangeException>(() => x.Gather(0, Tensor.From(new long[,] { { -1 } }))), "Gather", "-1");
        Mentions(Assert.Throws<IndexOutOfRangeException>(() => x.ScatterAdd(0, Tensor.From(new long[,] { { 3 } }), Tensor.Ones(1, 1))), "ScatterAdd", "3");
        Mentions(Assert.Throws<IndexOutOfRangeException>(() => x.Select(1, 4)), "Select", "index 4", "[3, 4]");
        Mentions(Assert.Throws<ArgumentException>(() => x.Gather(1, Tensor.From(new long[] { 0 }))), "Gather", "[1]", "[3, 4]");
        Mentions(Assert.Throws<ArgumentException>(() => x.Gather(1, Tensor.From(new[,] { { 0.0 } }))), "Gather", "int64", "float64");
        Mentions(Assert.Throws<ArgumentException>(() => x.IndexAdd(0, Tensor.From(new long[] { 0 }), Tensor.Ones(2, 4))), "IndexAdd", "[2, 4]", "[1, 4]");
    }

    [Fact]
    public void ItemOnAMultiElementTensor() =>
        Mentions(Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2, 3).Item()), "Item", "[2, 3]");

    [Fact]
    public void OtherShapeErrors()
    {
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Expand(4, 4)), "Expand", "[2, 3]", "[4, 4]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Expand(-1, 3)), "Expand", "[-1, 3]", "[3]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Permute(0)), "Permute", "[2, 3]");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(5).Split([2, 2])), "Split", "5");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).MaskedSelect(Tensor.Zeros(2))), "MaskedSelect", "bool", "float32");
        Mentions(Assert.Throws<ArgumentException>(() => Tensor.Zeros(2).Grad = Tensor.Zeros(3)), "Grad", "[3]", "[2]");
    }
}
