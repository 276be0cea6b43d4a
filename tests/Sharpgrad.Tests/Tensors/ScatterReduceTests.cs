using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>ScatterReduce, IndexFill, IndexCopy, IndexPut and MaskedFill on small cases worked by hand.</summary>
public class ScatterReduceTests
{
    private static Tensor Long(params long[] v) => Tensor.From(v);

    // self = [1, 2, 3, 4]; values 5 and 6 land on position 0, 7 on position 2.
    private static Tensor Reduce(string reduce, bool includeSelf)
        => Tensor.From(new[] { 1.0, 2, 3, 4 }).ScatterReduce(0, Long(0, 0, 2), Tensor.From(new[] { 5.0, 6, 7 }), reduce, includeSelf);

    [Theory]
    [InlineData("sum", true, new[] { 12.0, 2, 10, 4 })]
    [InlineData("sum", false, new[] { 11.0, 2, 7, 4 })]
    [InlineData("prod", true, new[] { 30.0, 2, 21, 4 })]
    [InlineData("prod", false, new[] { 30.0, 2, 7, 4 })]
    [InlineData("mean", true, new[] { 4.0, 2, 5, 4 })]
    [InlineData("mean", false, new[] { 5.5, 2, 7, 4 })]
    [InlineData("amax", true, new[] { 6.0, 2, 7, 4 })]
    [InlineData("amin", true, new[] { 1.0, 2, 3, 4 })]
    [InlineData("amin", false, new[] { 5.0, 2, 7, 4 })]
    public void ReductionsCombineTheValuesLandingOnAPosition(string reduce, bool includeSelf, double[] expected)
        => Close(expected, Reduce(reduce, includeSelf), 0);

    [Fact]
    public void IntegerMeanRoundsDownAsPyTorch()
    {
        // (0 − 1 − 1)/3 = −2/3: truncation would give 0, PyTorch's floor division gives −1.
        var y = Tensor.From(new long[] { 0 }).ScatterReduce(0, Long(0, 0), Long(-1, -1), "mean");
        Assert.Equal(new long[] { -1 }, y.ToArray<long>());
    }

    [Fact]
    public void MaxSharesItsGradientEvenlyAmongTies()
    {
        // self 2 and the first source value 2 tie for the max at position 0; the source 1 loses.
        var self = Tensor.From(new[] { 2.0, 5 }).RequireGrad();
        var source = Tensor.From(new[] { 2.0, 1 }).RequireGrad();
        self.ScatterReduce(0, Long(0, 0), source, "amax").Sum().Backward();
        Close([0.5, 1], self.Grad!, 0);
        Close([0.5, 0], source.Grad!, 0);
    }

    [Fact]
    public void MeanAndProdGradients()
    {
        var self = Tensor.From(new[] { 1.0, 2 }).RequireGrad();
        var source = Tensor.From(new[] { 3.0, 5 }).RequireGrad();
        self.ScatterReduce(0, Long(0, 0), source, "mean").Sum().Backward();
        Close([1.0 / 3, 1], self.Grad!, 1e-15); // (1 + 3 + 5)/3: each term weighs 1/3
        Close([1.0 / 3, 1.0 / 3], source.Grad!, 1e-15);
        self.Grad = null;
        source.Grad = null;
        self.ScatterReduce(0, Long(0, 0), source, "prod").Sum().Backward();
        Close([15, 1], self.Grad!, 0); // ∂(1·3·5)/∂self = 15
        Close([5, 3], source.Grad!, 0);
    }

    [Fact]
    public void WithoutSelfTheOverwrittenValueGetsNoGradient()
    {
        var self = Tensor.From(new[] { 1.0, 2 }).RequireGrad();
        self.ScatterReduce(0, Long(1), Tensor.From(new[] { 9.0 }), "sum", includeSelf: false).Sum().Backward();
        Close([1, 0], self.Grad!, 0);
    }

    [Fact]
    public void IndexFillCountsNegativeIndicesFromTheEnd()
    {
        var y = Tensor.Zeros([2, 3], DType.Float64).IndexFill(1, Long(-1, 0), 7);
        Close([7, 0, 7, 7, 0, 7], y, 0);
        var e = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(2, 3).IndexFill(1, Long(-4), 1));
        Assert.Contains("IndexFill", e.Message);
        Assert.Contains("-4", e.Message);
        Assert.Contains("dim 1", e.Message);
    }

    [Fact]
    public void IndexFillAndMaskedFillPassTheGradientToATensorValue()
    {
        var value = Tensor.Scalar(2.0, DType.Float64).RequireGrad();
        var x = Tensor.Zeros([3, 2], DType.Float64).RequireGrad();
        (x.IndexFill(0, Long(0, 2), value).Sum() + x.MaskedFill(Tensor.From(new[] { true, false }), value).Sum()).Backward();
        Assert.Equal(4.0 + 3.0, value.Grad!.Item()); // 4 filled elements, then 3 rows × 1 masked column
        Close([0, 1, 1, 2, 0, 1], x.Grad!, 0);      // IndexFill passes row 1, MaskedFill column 1
        Assert.Throws<ArgumentException>(() => x.MaskedFill(Tensor.From(new[] { true, false }), Tensor.Ones(2)));
    }

    [Fact]
    public void IndexCopyWritesSlicesAndRejectsNegativeIndicesAsPyTorch()
    {
        var y = Tensor.Zeros([2, 3], DType.Float64).IndexCopy(1, Long(2, 0), Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } }));
        Close([2, 0, 1, 4, 0, 3], y, 0);
        var e = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(2, 3).IndexCopy(1, Long(-1), Tensor.Zeros(2, 1)));
        Assert.Contains("IndexCopy: index -1 is out of range for dim 1 of size 3", e.Message);
    }

    [Fact]
    public void IndexPutWritesOrAccumulates()
    {
        Close([6, 0, 5], Tensor.Zeros([3], DType.Float64).IndexPut([Long(-1, 0)], Tensor.From(new[] { 5.0, 6 })), 0);
        Close([0, 6, 0], Tensor.Zeros([3], DType.Float64).IndexPut([Long(1, 1, -2)], Tensor.From(new[] { 1.0, 2, 3 }), accumulate: true), 0);
        // Two index tensors pick elements (0, 2) and (1, 0); a scalar value broadcasts.
        Close([0, 0, 9, 9, 0, 0], Tensor.Zeros([2, 3], DType.Float64).IndexPut([Long(0, 1), Long(2, 0)], Tensor.Scalar(9.0, DType.Float64)), 0);
        var e = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(3).IndexPut([Long(3)], Tensor.Scalar(1)));
        Assert.Contains("IndexPut: index 3 is out of bounds for dim 0 of size 3", e.Message);
    }

    [Fact]
    public void ScatterFamilyRejectsNegativeIndicesAsPyTorch()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.Throws<IndexOutOfRangeException>(() => x.ScatterReduce(1, Tensor.From(new long[,] { { -1 } }), Tensor.Ones(1, 1), "sum"));
        Assert.Contains("ScatterReduce: index -1 is out of range for dim 1 of size 3", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x.IndexSelect(0, Long(-1)));
        Assert.Throws<IndexOutOfRangeException>(() => x.IndexAdd(0, Long(-1), Tensor.Ones(1, 3)));
        Assert.Contains("\"sum\", \"prod\"", Assert.Throws<ArgumentException>(() => x.ScatterReduce(1, Tensor.From(new long[,] { { 0 } }), Tensor.Ones(1, 1), "max")).Message);
    }

    [Fact]
    public void ProductGradientAtZerosIsTheProductOfTheOtherFactors()
    {
        // PyTorch 1.13: self [2, 3], source [0, 5] into slots [0, 1]: self.grad [0, 5], source.grad [2, 3].
        var self = Tensor.From(new[] { 2.0, 3.0 }).RequireGrad();
        var source = Tensor.From(new[] { 0.0, 5.0 }).RequireGrad();
        self.ScatterReduce(0, Tensor.From(new long[] { 0, 1 }), source, "prod").Sum().Backward();
        Assert.Equal([0.0, 5.0], self.Grad!.ToDoubleArray());
        Assert.Equal([2.0, 3.0], source.Grad!.ToDoubleArray());

        // Two zeros in slot 0 (self and source): every factor there gets 0; slot 1 = 3·5·2: [0, 10] and [0, 6, 15].
        var self2 = Tensor.From(new[] { 0.0, 3.0 }).RequireGrad();
        var source2 = Tensor.From(new[] { 0.0, 5.0, 2.0 }).RequireGrad();
        self2.ScatterReduce(0, Tensor.From(new long[] { 0, 1, 1 }), source2, "prod").Sum().Backward();
        Assert.Equal([0.0, 10.0], self2.Grad!.ToDoubleArray());
        Assert.Equal([0.0, 6.0, 15.0], source2.Grad!.ToDoubleArray());
    }
}
