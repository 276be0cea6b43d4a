using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>Reductions over all elements, one dim or several, with and without keepdim; values worked out by hand.</summary>
public class ReductionTests
{
    /// <summary>x[b, j, k] = 12b + 4j + k.</summary>
    private static Tensor X => Tensor.Arange(24).View(2, 3, 4).Double();

    [Fact]
    public void SumOverAllAndOverEachDim()
    {
        Assert.Equal(276, X.Sum().Item());
        Assert.Equal(0, X.Sum().Rank);
        Close(Enumerable.Range(0, 12).Select(i => 2.0 * i + 12).ToArray(), X.Sum(0));            // Σ_b = 2i + 12
        Close([12, 15, 18, 21, 48, 51, 54, 57], X.Sum(1));                                           // Σ_j = 36b + 12 + 3k
        var lastKept = X.Sum(-1, keepdim: true);                                                     // Σ_k = 16b·3 + 16j + 6
        Shape([2, 3, 1], lastKept);
        Close([6, 22, 38, 54, 70, 86], lastKept);
        Close([60, 92, 124], X.Sum([0, 2]));                                                         // Σ_b Σ_k = 60 + 32j
        Shape([1, 3, 1], X.Sum([0, 2], keepdim: true));
    }

    [Fact]
    public void SumOfANonContiguousView()
    {
        var t = X.Transpose(0, 2); // [4, 3, 2]
        Shape([3, 2], t.Sum(0));
        Close([6, 54, 22, 70, 38, 86], t.Sum(0));
        Close([60, 92, 124], t.Sum([0, 2]));
        Assert.Equal(276, t.Sum().Item());
    }

    [Fact]
    public void MeanDividesByTheReducedCount()
    {
        Assert.Equal(11.5, X.Mean().Item());
        Close([4, 5, 6, 7, 16, 17, 18, 19], X.Mean(1));
        Close([7.5, 11.5, 15.5], X.Mean([0, 2]));
        Shape([2, 1, 1], X.Mean([1, 2], keepdim: true));
    }

    [Fact]
    public void ProdMultiplies()
    {
        var m = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        Assert.Equal(24, m.Prod().Item());
        Close([2, 12], m.Prod(1));
        Close([3, 8], m.Prod(0));
        Shape([1, 2], m.Prod(0, keepdim: true));
    }

    [Fact]
    public void MaxAndMinReturnTheFirstIndexOfTheExtremum()
    {
        var m = Tensor.From(new[,] { { 3.0, 1, 3 }, { 0, 5, 5 } });
        var (values, indices) = m.Max(1);
        Close([3, 5], values);
        Assert.Equal(new long[] { 0, 1 }, indices.ToArray<long>());
        var (minValues, minIndices) = m.Min(1, keepdim: true);
        Shape([2, 1], minValues);
        Close([1, 0], minValues);
        Assert.Equal(new long[] { 1, 0 }, minIndices.ToArray<long>());
        Assert.Equal(5, m.Max().Item());
        Assert.Equal(0, m.Min().Item());
        Close([3, 5, 5], m.Max(0).Values);
        Assert.Equal(new long[] { 0, 1, 1 }, m.Max(0).Indices.ToArray<long>());
    }

    [Fact]
    public void FullMaxSplitsATiedGradientEvenlyAndMaxAlongADimSendsItToTheIndex()
    {
        // PyTorch: max() has no index, so the tied maxima share the gradient; max(dim) sends it to the returned index.
        var x = Tensor.From(new[] { 1.0, 4, 4, 2 }).RequireGrad();
        x.Max().Backward();
        Close([0, 0.5, 0.5, 0], x.Grad!, 0);
        var y = Tensor.From(new[] { 1.0, 4, 4, 2 }).RequireGrad();
        y.Max(0).Values.Backward();
        Close([0, 1, 0, 0], y.Grad!, 0);
    }

    [Fact]
    public void NaNWinsMaxAndMinAsInPyTorch()
    {
        var x = Tensor.From(new[] { 1.0, double.NaN, 3 });
        Assert.True(double.IsNaN(x.Max().Item()));
        Assert.True(double.IsNaN(x.Min().Item()));
        Assert.Equal(1L, x.ArgMax().Item<long>());
    }

    [Fact]
    public void VarAndStdAreUnbiasedByDefault()
    {
        // [1, 2, 3, 4]: mean 2.5, Σ(x − mean)² = 5, so var = 5/3 (n−1) or 5/4 (n).
        var x = Tensor.From(new[] { 1.0, 2, 3, 4 });
        Assert.Equal(5.0 / 3, x.Var().Item(), 1e-15);
        Assert.Equal(1.25, x.Var(unbiased: false).Item(), 1e-15);
        Assert.Equal(Math.Sqrt(5.0 / 3), x.Std().Item(), 1e-15);
        Assert.Equal(Math.Sqrt(1.25), x.Std(unbiased: false).Item(), 1e-15);
        var m = Tensor.From(new[,] { { 1.0, 2 }, { 3, 6 } });
        Close([2, 8], m.Var(0));
        Close([0.5, 4.5], m.Var(1));
        Close([0.5, 1.5], m.Std(1, unbiased: false, keepdim: true));
        Shape([2, 1], m.Std(1, keepdim: true));
    }

    [Fact]
    public void LogSumExpIsStable()
    {
        // log(e^1e4 + e^1e4) = 1e4 + log 2, where e^1e4 alone overflows.
        Assert.Equal(1e4 + Math.Log(2), Tensor.From(new[] { 1e4, 1e4 }).LogSumExp(0).Item(), 1e-9);
        Assert.Equal(100 + Math.Log(2), Tensor.From(new[] { 100f, 100f }).LogSumExp(0).Item(), 1e-4);
        Assert.Equal(-1e4 + Math.Log(3), Tensor.From(new[] { -1e4, -1e4, -1e4 }).LogSumExp(0).Item(), 1e-9);
        // A fully masked slice stays −∞ instead of NaN; a partly masked one ignores the −∞.
        var masked = Tensor.From(new[,] { { double.NegativeInfinity, double.NegativeInfinity }, { double.NegativeInfinity, 0 } });
        Close([double.NegativeInfinity, 0], masked.LogSumExp(1));
        Close([Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3))], Tensor.From(new[] { 1.0, 2, 3 }).LogSumExp(0, keepdim: true), 1e-14);
    }

    [Fact]
    public void NormsOfThreeFourVector()
    {
        var v = Tensor.From(new[] { 3.0, -4 });
        Assert.Equal(7, v.Norm(1).Item(), 1e-15);
        Assert.Equal(5, v.Norm().Item(), 1e-15);
        Assert.Equal(Math.Pow(27 + 64, 1.0 / 3), v.Norm(3).Item(), 1e-14);
        Assert.Equal(4, v.Norm(double.PositiveInfinity).Item());
        var m = Tensor.From(new[,] { { 3.0, -4 }, { 0, 1 } });
        Close([5, 1], m.Norm(2, [1]));
        Close([3, 4], m.Norm(double.PositiveInfinity, [0]));
        Shape([2, 1], m.Norm(1, [1], keepdim: true));
        Assert.Equal(Math.Sqrt(26), m.Norm().Item(), 1e-14); // Frobenius
        Assert.Throws<ArgumentException>(() => v.Norm(0));
    }

    [Fact]
    public void AllAndAny()
    {
        Assert.True(Tensor.From(new[] { 1.0, -2 }).All());
        Assert.False(Tensor.From(new[] { 1.0, 0 }).All());
        Assert.True(Tensor.From(new[] { false, true }).Any());
        Assert.False(Tensor.Zeros(3).Any());
        Assert.True(Tensor.Zeros(0).All());
        Assert.False(Tensor.Zeros(0).Any());
    }

    [Fact]
    public void EmptyReductions()
    {
        Assert.Equal(0, Tensor.Zeros(0).Sum().Item());
        Close([0, 0], Tensor.Zeros(2, 0).Sum(1));
        Assert.Equal(1, Tensor.Zeros(0).Prod().Item());
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 0).Max(1));
        Assert.Contains("Max", e.Message);
        Assert.Contains("[2, 0]", e.Message);
    }

    [Fact]
    public void ReducingAZeroDimTensor()
    {
        var s = Tensor.Scalar(3.5, DType.Float64);
        Assert.Equal(3.5, s.Sum().Item());
        Assert.Equal(3.5, s.Max().Item());
        Assert.Equal(3.5, s.Sum(0).Item());
        Assert.Equal(0, s.Sum(0).Rank);
    }
}
