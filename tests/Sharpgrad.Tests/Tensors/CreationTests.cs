using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Factories: constants, ranges, identity, arrays, and random tensors.</summary>
public class CreationTests
{
    [Fact]
    public void ConstantFactories()
    {
        var z = Tensor.Zeros(2, 3);
        Assert.Equal(DType.Float32, z.DType);
        Assert.Equal(new[] { 2, 3 }, z.Shape);
        Assert.Equal(6, z.Count);
        Assert.Equal(2, z.Rank);
        Assert.True(z.IsContiguous);
        Assert.Equal(new[] { 3, 1 }, z.Strides);
        Assert.All(z.ToDoubleArray(), v => Assert.Equal(0, v));
        Assert.All(Tensor.Ones([2, 2], DType.Int64).ToArray<long>(), v => Assert.Equal(1, v));
        Assert.All(Tensor.Full([3], 2.5, DType.Float64).ToArray<double>(), v => Assert.Equal(2.5, v));
        Assert.True(double.IsNaN(Tensor.Full([1], double.NaN).Item()));
        var model = Tensor.Ones([2], DType.Float64);
        Assert.Equal(DType.Float64, Tensor.ZerosLike(model).DType);
        Assert.Equal(new[] { 1.0, 1 }, Tensor.OnesLike(model).ToArray<double>());
        Assert.Equal(new[] { -3.0, -3 }, Tensor.FullLike(model, -3).ToArray<double>());
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, -1));
    }

    [Fact]
    public void ScalarIsZeroDimensional()
    {
        var s = Tensor.Scalar(4.5, DType.Float64);
        Assert.Equal(0, s.Rank);
        Assert.Empty(s.Shape);
        Assert.Equal(1, s.Count);
        Assert.Equal(4.5, s.Item());
        Assert.Equal(4.5, s.Item<double>());
        Assert.Equal(7L, Tensor.Scalar(7, DType.Int64).Item<long>());
        Assert.True(Tensor.Scalar(1, DType.Bool).Item<bool>());
    }

    [Fact]
    public void FromArraysCopyTheData()
    {
        var data = new[] { 1.0, 2, 3, 4, 5, 6 };
        var t = Tensor.FromArray(data, 2, -1);
        Assert.Equal(new[] { 2, 3 }, t.Shape);
        data[0] = 100;
        Assert.Equal(1, t[0, 0].Item());
        var m = Tensor.From(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } });
        Assert.Equal(new[] { 3, 2 }, m.Shape);
        Assert.Equal(DType.Float32, m.DType);
        Assert.Equal(4, m[1, 1].Item());
        Assert.Equal(DType.Int64, Tensor.From(new long[] { 1 }).DType);
        Assert.Equal(DType.Bool, Tensor.From(new[] { true }).DType);
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(data, 4, 2));
    }

    [Fact]
    public void ArangeFollowsPyTorch()
    {
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, Tensor.Arange(5).ToArray<long>());
        Assert.Equal(DType.Int64, Tensor.Arange(5).DType);
        Assert.Equal(new long[] { 2, 5, 8 }, Tensor.Arange(2, 10, 3).ToArray<long>());
        Assert.Equal(new long[] { 5, 3, 1 }, Tensor.Arange(5, 0, -2).ToArray<long>());
        var f = Tensor.Arange(0, 1, 0.25);
        Assert.Equal(DType.Float32, f.DType);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f }, f.ToArray<float>());
        Assert.Equal(DType.Float64, Tensor.Arange(0, 3, 1, DType.Float64).DType);
        Assert.Equal(0, Tensor.Arange(3, 3).Count);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 5, -1));
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 5, 0));
    }

    [Fact]
    public void LinspaceIncludesBothEnds()
    {
        Assert.Equal(new[] { 0.0, 0.25, 0.5, 0.75, 1 }, Tensor.Linspace(0, 1, 5, DType.Float64).ToArray<double>());
        Assert.Equal(new[] { 3.0 }, Tensor.Linspace(3, 7, 1, DType.Float64).ToArray<double>());
        Assert.Equal(0.3, Tensor.Linspace(-0.1, 0.3, 7, DType.Float64).ToArray<double>()[6]);
        Assert.Throws<ArgumentException>(() => Tensor.Linspace(0, 1, 0));
    }

    [Fact]
    public void EyeIsTheIdentity()
    {
        Close([1, 0, 0, 0, 1, 0, 0, 0, 1], Tensor.Eye(3), 0);
        var rect = Tensor.Eye(2, 3, DType.Float64);
        Shape([2, 3], rect);
        Close([1, 0, 0, 0, 1, 0], rect, 0);
        var a = Randn(1, 3, 3);
        Close(a, Tensor.Eye(3, dtype: DType.Float64).MatMul(a), 0);
    }

    [Fact]
    public void RandomFactoriesHaveTheRequestedShapeAndRange()
    {
        var g = new Generator(5);
        var u = Tensor.Rand([1000], DType.Float64, g);
        Assert.All(u.ToDoubleArray(), v => Assert.InRange(v, 0, 1 - 1e-17));
        Assert.Equal(DType.Float32, Tensor.Randn([2, 3], generator: g).DType);
        Assert.Equal(new[] { 2, 3 }, Tensor.Randn([2, 3], generator: g).Shape);
        var ints = Tensor.RandInt(-2, 3, [500], g);
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal(new long[] { -2, -1, 0, 1, 2 }, ints.ToArray<long>().Distinct().Order().ToArray());
        var perm = Tensor.RandPerm(10, g).ToArray<long>();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), perm.Order());
        Assert.Equal(0, Tensor.RandInt(0, 5, [], g).Rank);
        Assert.Throws<ArgumentException>(() => Tensor.Rand([2], DType.Int64, g));
        Assert.Throws<ArgumentException>(() => Tensor.RandInt(3, 3, [1], g));
    }
}
