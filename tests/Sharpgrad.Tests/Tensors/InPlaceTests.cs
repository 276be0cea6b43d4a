using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>AddInPlace and MulInPlace write into the tensor's own memory and give the out-of-place results exactly.</summary>
public class InPlaceTests
{
    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AddInPlaceMatchesOutOfPlaceBitForBit(DType dtype)
    {
        foreach (int n in new[] { 1, 7, 17, 33, 65, 129, 2049 })
        {
            var a = Tensor.Randn([n], dtype, new Generator(n));
            var b = Tensor.Randn([n], dtype, new Generator(n + 1));
            var expected = (a + b * 0.3).ToDoubleArray();
            var storage = a.storage;
            a.AddInPlace(b, 0.3);
            Assert.Same(storage, a.storage);
            Assert.Equal(expected, a.ToDoubleArray());
        }
    }

    [Fact]
    public void MulInPlaceByTensorAndByScalar()
    {
        var a = Tensor.Randn([5, 7], DType.Float32, new Generator(1));
        var b = Tensor.Randn([7], DType.Float32, new Generator(2));
        var expected = (a * b * 2.5).ToDoubleArray();
        a.MulInPlace(b).MulInPlace(2.5);
        Assert.Equal(expected, a.ToDoubleArray());
    }

    [Fact]
    public void StridedDestinationAndAliasedOperand()
    {
        var m = Tensor.Randn([6, 9], DType.Float64, new Generator(3));
        var column = m[.., 2];                           // stride 9
        var expected = (column + column).ToDoubleArray();
        column.AddInPlace(column);                       // the operand is the destination itself
        Assert.Equal(expected, m[.., 2].ToDoubleArray());

        var rows = m.Transpose(0, 1);                    // [9, 6], non-contiguous
        var before = rows.ToDoubleArray();
        var shifted = m.Transpose(0, 1)[1..];            // overlaps the destination at another offset: computed out of place
        var expectedRows = rows[..^1] + shifted;
        rows[..^1].AddInPlace(shifted);
        Close(expectedRows.ToDoubleArray(), rows[..^1], 0);
        Assert.Equal(before[^6..], rows[^1].ToDoubleArray());
    }

    [Fact]
    public void MixedDtypesFallBackToTheOutOfPlaceRule()
    {
        var a = Tensor.From(new float[] { 1, 2, 3 });
        a.AddInPlace(Tensor.From(new double[] { 0.5, 0.25, 0.125 }), 2);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal(new[] { 2.0, 2.5, 3.25 }, a.ToDoubleArray());
    }

    [Fact]
    public void ShapeThatDoesNotFitIsRejected()
    {
        var a = Tensor.Zeros([3], DType.Float32);
        var e = Assert.Throws<ArgumentException>(() => a.AddInPlace(Tensor.Zeros([2, 3], DType.Float32)));
        Assert.Contains("AddInPlace", e.Message);
    }
}
