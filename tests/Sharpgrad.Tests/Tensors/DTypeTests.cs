using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Type promotion and the dtypes of results, following PyTorch's rules.</summary>
public class DTypeTests
{
    private static readonly Tensor Ints = Tensor.From(new long[] { 7, -3 });
    private static readonly Tensor Floats = Tensor.From(new[] { 0.5f, 2f });
    private static readonly Tensor Doubles = Tensor.From(new[] { 0.25, 4 });

    [Fact]
    public void Int64PlusFloat32IsFloat32()
    {
        var y = Ints + Floats;
        Assert.Equal(DType.Float32, y.DType);
        Close([7.5, -1], y, 0);
        Assert.Equal(DType.Float32, (Floats * Ints).DType);
    }

    [Fact]
    public void Float32PlusFloat64IsFloat64()
    {
        Assert.Equal(DType.Float64, (Floats + Doubles).DType);
        Assert.Equal(DType.Float64, (Doubles - Floats).DType);
        Close([0.75, 6], Floats + Doubles, 0);
    }

    [Fact]
    public void Int64DividedByInt64IsTrueDivisionInFloat32()
    {
        var y = Ints / Tensor.From(new long[] { 2, 2 });
        Assert.Equal(DType.Float32, y.DType);
        Close([3.5, -1.5], y, 0);
        Assert.Equal(DType.Float32, (Ints / 2.0).DType);
        Close([3.5, -1.5], Ints / 2, 0);
    }

    [Fact]
    public void PythonScalarsDoNotWidenATensor()
    {
        // A whole-number constant keeps int64 int64; a fractional one makes it float32; a float32 tensor stays float32.
        Assert.Equal(DType.Int64, (Ints + 2).DType);
        Assert.Equal(DType.Float32, (Ints * 2.5).DType);
        Close([17.5, -7.5], Ints * 2.5, 0);
        Assert.Equal(DType.Float32, (Floats + 1.5).DType);
        Assert.Equal(DType.Float64, (Doubles + 1).DType);
    }

    [Fact]
    public void BoolPromotesToInt64InArithmetic()
    {
        var flags = Tensor.From(new[] { true, false });
        Assert.Equal(DType.Int64, (flags + Ints).DType);
        Close([8, -3], flags + Ints, 0);
        Assert.Equal(DType.Float32, (flags * Floats).DType);
    }

    [Fact]
    public void ComparisonsReturnBool()
    {
        var x = Tensor.From(new[] { 1.0, 2, 3 });
        var y = Tensor.From(new[] { 3.0, 2, 1 });
        Assert.Equal(DType.Bool, x.Lt(y).DType);
        Assert.Equal(new[] { true, false, false }, x.Lt(y).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, x.Le(y).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, x.Gt(y).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, x.Ge(y).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, x.Eq(y).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, x.Ne(y).ToArray<bool>());
        Assert.Equal(new[] { false, true, false }, x.Eq(2).ToArray<bool>());
        // Mixed dtypes compare after promotion; an int64 and a float32 tensor broadcast against each other.
        Assert.Equal(new[] { true, false }, Ints.Gt(Floats.Unsqueeze(1))[0].ToArray<bool>());
    }

    [Fact]
    public void SumOfBoolCountsInInt64()
    {
        var mask = Tensor.From(new[] { true, false, true, true });
        Assert.Equal(DType.Int64, mask.Sum().DType);
        Assert.Equal(3L, mask.Sum().Item<long>());
        Assert.Equal(DType.Int64, Ints.Sum().DType);
        Assert.Equal(4L, Ints.Sum().Item<long>());
        Assert.Equal(-21L, Ints.Prod().Item<long>());
    }

    [Fact]
    public void ArgMaxReturnsInt64()
    {
        var x = Tensor.From(new[,] { { 1.0, 5, 2 }, { 7, 0, 7 } });
        Assert.Equal(DType.Int64, x.ArgMax().DType);
        Assert.Equal(3L, x.ArgMax().Item<long>());
        Assert.Equal(new long[] { 1, 0 }, x.ArgMax(1).ToArray<long>());
        Assert.Equal(new long[] { 1, 0, 1 }, x.ArgMax(0).ToArray<long>());
        Assert.Equal(new long[] { 0, 1 }, x.ArgMin(1).ToArray<long>());
        Assert.Equal(DType.Int64, x.Max(1).Indices.DType);
    }

    [Fact]
    public void OneHotEncodesLabelsAsInt64()
    {
        var oneHot = Tensor.OneHot(Tensor.From(new long[] { 2, 0, 1 }), 4);
        Assert.Equal(DType.Int64, oneHot.DType);
        Assert.Equal(new[] { 3, 4 }, oneHot.Shape);
        Assert.Equal(new long[] { 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0 }, oneHot.ToArray<long>());
        var floats = Tensor.OneHot(Tensor.From(new long[,] { { 1 }, { 0 } }), 2, DType.Float32);
        Assert.Equal(new[] { 2, 1, 2 }, floats.Shape);
        Assert.Equal(DType.Float32, floats.DType);
        Close([0, 1, 1, 0], floats, 0);
    }

    [Fact]
    public void ConversionsTruncateTowardZeroLikePyTorch()
    {
        var x = Tensor.From(new[] { -1.7, -0.2, 0, 2.9 });
        Assert.Equal(new long[] { -1, 0, 0, 2 }, x.Long().ToArray<long>());
        Assert.Equal(new[] { true, true, false, true }, x.Bool().ToArray<bool>());
        Assert.Equal(new[] { 1f, 0f }, Tensor.From(new[] { true, false }).Float().ToArray<float>());
        Assert.Equal(DType.Float32, x.Float().DType);
        Assert.Same(x, x.Double());
    }

    [Fact]
    public void MatMulNeedsMatchingFloatDTypes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 2).MatMul(Tensor.Ones([2, 2], DType.Float64)));
        Assert.Contains("float32", e.Message);
        Assert.Contains("float64", e.Message);
    }

    [Fact]
    public void MeanOfIntegersIsRejected() =>
        Assert.Contains("Mean", Assert.Throws<ArgumentException>(() => Ints.Mean()).Message);
}
