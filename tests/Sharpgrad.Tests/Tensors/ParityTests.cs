using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Issue #10's fixes that are checked against closed forms: argument errors, empty views, Narrow, Item.</summary>
public class ParityTests
{
    private static readonly Tensor Matrix = Tensor.FromArray([1.0, 2, 3, 4, 5, 6], [2, 3]);

    public static TheoryData<string> ReductionsTakingDims() => ["Sum", "Mean", "Prod", "Var", "Std", "LogSumExp", "Norm"];

    private static Tensor Reduce(string op, Tensor x, int[] dims) => op switch
    {
        "Sum" => x.Sum(dims),
        "Mean" => x.Mean(dims),
        "Prod" => x.Prod(dims),
        "Var" => x.Var(dims),
        "Std" => x.Std(dims),
        "LogSumExp" => x.LogSumExp(dims),
        _ => x.Norm(dims: dims),
    };

    [Theory]
    [MemberData(nameof(ReductionsTakingDims))]
    public void ARepeatedDimIsAnErrorNamingTheOpAndTheDim(string op)
    {
        var e = Assert.Throws<ArgumentException>(() => Reduce(op, Matrix, [0, -2]));
        Assert.StartsWith($"{op}: dim 0 appears more than once in dims [0, -2]", e.Message);
    }

    [Fact]
    public void ProdAndLogSumExpOverAnEmptyDimListReduceEveryDim()
    {
        Close([720.0], Reduce("Prod", Matrix, []));
        Close([Math.Log(Enumerable.Range(1, 6).Sum(i => Math.Exp(i)))], Matrix.LogSumExp([]), 1e-12);
    }

    [Fact]
    public void AnEmptyViewPastTheEndCanBeReadAndComputedWith()
    {
        var x = Tensor.FromArray([1.0, 2, 3]);
        var empty = x.Narrow(0, 3, 0);
        Assert.Empty(empty.ToArray<double>());
        Assert.Equal([0], empty.Contiguous().Shape);
        Assert.Equal([0], (empty + 1).Shape);
        Close([0.0], empty.Sum());
        var columns = Tensor.Zeros([3, 4], DType.Float64).Narrow(1, 4, 0);
        Assert.Equal([0, 3], (columns.T * 2).Contiguous().Shape);
        Assert.Equal([0, 3], columns.T.Clone().Shape);
        Assert.Equal([3], columns.Sum(1).Shape);
        var corner = columns.Narrow(0, 3, 0);   // offset 4 + 3·4 = 16, past the 12 elements of the storage
        Assert.Empty(corner.ToArray<double>());
        Assert.Empty(corner.Contiguous().ToArray<double>());
        Assert.Equal([0, 0], (corner * corner + 1).Shape);
        Assert.Equal([0], corner.Sum(0).Shape);
        Assert.Equal([0, 0], corner.T.Clone().Shape);
    }

    [Fact]
    public void NarrowCountsANegativeStartFromTheEnd()
    {
        var x = Tensor.FromArray([0.0, 1, 2, 3, 4]);
        Close([2.0, 3], x.Narrow(0, -3, 2));
        Close([4.0], x.Narrow(-1, -1, 1));
        Assert.Empty(x.Narrow(0, -5, 0).ToArray<double>());
        Assert.Contains("start -6", Assert.ThrowsAny<ArgumentException>(() => x.Narrow(0, -6, 1)).Message);
        Assert.Contains("[3, 6)", Assert.ThrowsAny<ArgumentException>(() => x.Narrow(0, -2, 3)).Message);
    }

    [Fact]
    public void LogSumExpOverAnEmptyDimIsMinusInfinity()
    {
        var x = Tensor.Zeros([3, 0], DType.Float64);
        Close([double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], x.LogSumExp(1));
        Assert.Equal([3, 1], x.LogSumExp(1, keepdim: true).Shape);
    }

    [Fact]
    public void DotOfDifferentSizesNamesDotAndTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Ones([3]).Dot(Tensor.Ones([4])));
        Assert.Equal("Dot: expects two vectors of the same size, got sizes 3 and 4.", e.Message);
    }

    [Fact]
    public void ItemConvertsFromAnyDtypeAsPythonConvertsItem()
    {
        var f = Tensor.Scalar(-2.75f);
        Assert.Equal(-2.75, f.Item<double>());
        Assert.Equal(-2L, f.Item<long>());     // int(-2.75) == -2: truncation toward zero
        Assert.Equal(-2, f.Item<int>());
        Assert.True(f.Item<bool>());
        Assert.Equal(0.1f, Tensor.Scalar(0.1, DType.Float64).Item<float>());
        long big = (1L << 53) + 1;             // not a double: must not go through one
        Assert.Equal(big, Tensor.FromArray([big]).Item<long>());
        Assert.Equal((double)big, Tensor.FromArray([big]).Item<double>());
        Assert.Equal(1.0, Tensor.FromArray([true]).Item<double>());
        Assert.False(Tensor.Scalar(0.0).Item<bool>());
        Assert.Throws<InvalidOperationException>(() => Tensor.Scalar(double.NaN).Item<long>());
        Assert.Throws<InvalidOperationException>(() => Tensor.Scalar(3e9).Item<int>());
        Assert.Contains("Int16", Assert.Throws<ArgumentException>(() => f.Item<short>()).Message);
    }

    [Fact]
    public void MaxAlongADimSendsATiedGradientToTheReturnedIndex()
    {
        var x = Tensor.FromArray([3.0, 1, 3, 2, 2, 0], [2, 3]).RequireGrad();
        var (values, indices) = x.Max(1);
        Assert.Equal([0L, 0], indices.ToArray<long>());
        values.Sum().Backward();
        Close([1.0, 0, 0, 1, 0, 0], x.Grad!);
    }

    [Fact]
    public void MaxOfDataWithNaNSendsTheGradientToTheNaNs()
    {
        var x = Tensor.FromArray([1.0, double.NaN, 3, double.NaN]).RequireGrad();
        var y = x.Max();
        Assert.True(double.IsNaN(y.Item()));
        y.Backward();
        Close([0.0, 0.5, 0, 0.5], x.Grad!);
    }
}
