namespace Sharpgrad.Tests.Tensors;

/// <summary>
/// ToString follows PyTorch's printing rules (torch/_tensor_str.py): 4 decimals; whole-valued floats print as "2.";
/// scientific notation when max/min &gt; 1000, max &gt; 1e8 or (non-whole) min &lt; 1e-4; elements right-aligned to the
/// widest non-zero finite value; the dtype is named unless it is float32, int64 or bool. Sharpgrad writes dtypes as
/// "float64" rather than "torch.float64" and grad_fn names without PyTorch's version digit.
/// </summary>
public class FormattingTests
{
    [Theory]
    [InlineData(new[] { 1.5f, 2.25f }, "tensor([1.5000, 2.2500])")]
    [InlineData(new[] { 1f, 2f }, "tensor([1., 2.])")]
    [InlineData(new[] { 0f, 0f }, "tensor([0., 0.])")]
    [InlineData(new[] { 1f, 20f, -3f }, "tensor([ 1., 20., -3.])")]
    [InlineData(new[] { -1.5f, 0f }, "tensor([-1.5000,  0.0000])")]
    [InlineData(new[] { 0.1f }, "tensor([0.1000])")]
    [InlineData(new[] { 1e-5f, 1f }, "tensor([1.0000e-05, 1.0000e+00])")]
    [InlineData(new[] { 1.5f, 2000.5f }, "tensor([1.5000e+00, 2.0005e+03])")]
    [InlineData(new[] { 1f, 1e9f }, "tensor([1.0000e+00, 1.0000e+09])")]
    [InlineData(new[] { 1.5f, float.NaN, float.PositiveInfinity }, "tensor([1.5000,    nan,    inf])")]
    [InlineData(new[] { 1f, float.NegativeInfinity }, "tensor([1., -inf])")]
    public void Float32Vectors(float[] values, string expected) => Assert.Equal(expected, Tensor.From(values).ToString());

    [Fact]
    public void Int64AndBool()
    {
        Assert.Equal("tensor([1, 2, 3])", Tensor.From(new long[] { 1, 2, 3 }).ToString());
        Assert.Equal("tensor([ -1, 100])", Tensor.From(new long[] { -1, 100 }).ToString());
        Assert.Equal("tensor([ True, False])", Tensor.From(new[] { true, false }).ToString());
    }

    [Fact]
    public void Float64NamesItsDType()
    {
        Assert.Equal("tensor([1.5000, 2.0000], dtype=float64)", Tensor.From(new[] { 1.5, 2 }).ToString());
        Assert.Equal("tensor([1., 2.], dtype=float64)", Tensor.From(new[] { 1.0, 2 }).ToString());
    }

    [Fact]
    public void ZeroDimTensors()
    {
        Assert.Equal("tensor(3.5000)", Tensor.Scalar(3.5).ToString());
        Assert.Equal("tensor(2.)", Tensor.Scalar(2).ToString());
        Assert.Equal("tensor(2)", Tensor.Scalar(2, DType.Int64).ToString());
        Assert.Equal("tensor(-0.2500, dtype=float64)", Tensor.Scalar(-0.25, DType.Float64).ToString());
    }

    [Fact]
    public void GradientStateIsShown()
    {
        var x = Tensor.From(new[] { 1.5f, -2f }).RequireGrad();
        Assert.Equal("tensor([ 1.5000, -2.0000], requires_grad=True)", x.ToString());
        Assert.Equal("tensor([ 3., -4.], grad_fn=<MulBackward>)", (x * 2).ToString());
        Assert.Equal("tensor([1.5000], dtype=float64, requires_grad=True)", Tensor.From(new[] { 1.5 }).RequireGrad().ToString());
    }

    [Fact]
    public void MatricesAlignRowsUnderTheFirstBracket()
    {
        Assert.Equal("tensor([[ 1,  2],\n        [ 3, 40]])", Tensor.From(new long[,] { { 1, 2 }, { 3, 40 } }).ToString());
        Assert.Equal("tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])", Tensor.Arange(8).View(2, 2, 2).ToString());
        Assert.Equal("tensor([[0.5000, 1.0000]])", Tensor.From(new[,] { { 0.5f, 1f } }).ToString());
        Assert.Equal("tensor([[0., 2.],\n        [1., 3.]])", Tensor.Arange(4).View(2, 2).Float().T.ToString());
    }

    [Fact]
    public void EmptyTensors()
    {
        Assert.Equal("tensor([])", Tensor.Zeros(0).ToString());
        Assert.Equal("tensor([], dtype=int64)", Tensor.Zeros([0], DType.Int64).ToString());
        Assert.Equal("tensor([], dtype=float64)", Tensor.Zeros([0], DType.Float64).ToString());
        Assert.Equal("tensor([], size=(2, 0))", Tensor.Zeros(2, 0).ToString());
    }

    [Fact]
    public void LongTensorsAreSummarised()
    {
        // More than 1000 elements: the first and last three, as PyTorch prints torch.arange(2000).
        Assert.Equal("tensor([   0,    1,    2,  ..., 1997, 1998, 1999])", Tensor.Arange(2000).ToString());
        Assert.Equal(
            "tensor([[   0,    1,    2],\n        [   3,    4,    5],\n        [   6,    7,    8],\n        ...,\n" +
            "        [2991, 2992, 2993],\n        [2994, 2995, 2996],\n        [2997, 2998, 2999]])",
            Tensor.Arange(3000).View(1000, 3).ToString());
    }
}
