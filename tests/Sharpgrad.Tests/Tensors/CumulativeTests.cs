using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Tensors;

/// <summary>CumSum, CumProd and LogCumSumExp on hand-worked cases: dtypes, zeros in CumProd's gradient, ±∞ and overflow.</summary>
public class CumulativeTests
{
    private static readonly double Inf = double.PositiveInfinity;

    [Fact]
    public void RunningSumsAndProducts()
    {
        Close([1.0, 3, 6, 10], Tensor.From([1.0, 2, 3, 4]).CumSum(0));
        Close([1.0, 2, 6, 24], Tensor.From([1.0, 2, 3, 4]).CumProd(-1));
        Close([1.0, 2, 4, 6], Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } }).CumSum(0));
    }

    [Fact]
    public void IntegerAndBoolScansGiveInt64()
    {
        var ints = Tensor.From([2L, 3, 4]).CumProd(0);
        Assert.Equal(DType.Int64, ints.DType);
        Assert.Equal([2L, 6, 24], ints.ToArray<long>());
        var bools = Tensor.From([true, false, true]).CumSum(0);
        Assert.Equal(DType.Int64, bools.DType);
        Assert.Equal([1L, 1, 2], bools.ToArray<long>());
    }

    public static TheoryData<double[], double[]> CumProdGradients => new()
    {
        // ∂/∂x_k Σ_j y_j = Σ_{j≥k} ∏_{i≤j, i≠k} x_i, worked by hand.
        { [2.0, 1, 3], [1 + 1 + 3, 2 + 2 * 3, 2 * 1] },   // no zero: 5, 8, 2
        { [2.0, 0, 3], [1 + 0 + 0, 2 + 2 * 3, 2 * 0] },   // one zero: 1, 8, 0
        { [0.0, 0, 2], [1 + 0 + 0, 0 + 0, 0] },           // two zeros: 1, 0, 0
    };

    [Theory]
    [MemberData(nameof(CumProdGradients))]
    public void CumProdGradientIsExactAtZerosOnEveryPath(double[] x, double[] expected)
    {
        // First order takes the kernel; createGraph takes the recorded formula (division without zeros, products with).
        var plain = Tensor.From(x).RequireGrad();
        plain.CumProd(0).Sum().Backward();
        Close(expected, plain.Grad!);
        var recorded = Tensor.From(x).RequireGrad();
        var g = Autograd.Grad([recorded.CumProd(0).Sum()], [recorded], createGraph: true)[0];
        Close(expected, g);
    }

    [Fact]
    public void CumProdSecondDerivativeAtAZero()
    {
        // y = [x0, x0x1, x0x1x2], L = Σ y; ∂L/∂x1 = x0 + x0x2, so ∂²L/∂x1∂x0 = 1 + x2 = 4 at x = [2, 0, 3].
        var x = Tensor.From([2.0, 0, 3]).RequireGrad();
        var g = Autograd.Grad([x.CumProd(0).Sum()], [x], createGraph: true)[0];
        var h = Autograd.Grad([g.Select(0, 1)], [x])[0];
        Close([4.0, 0, 2], h); // ∂(x0 + x0x2)/∂x = [1 + x2, 0, x0]
    }

    [Fact]
    public void LogCumSumExpIsStableForLargeAndEqualValues()
    {
        Close([0.0, Math.Log(2)], Tensor.From([0.0, 0]).LogCumSumExp(0));
        Close([1000.0, 1000 + Math.Log(2), 1000 + Math.Log(3)], Tensor.From([1000.0, 1000, 1000]).LogCumSumExp(0), 1e-12);
        Close([-1000.0, -1000 + Math.Log(2)], Tensor.From([-1000.0, -1000]).LogCumSumExp(0), 1e-12);
        Close([1.0, Inf, Inf], Tensor.From([1.0, Inf, Inf]).LogCumSumExp(0));
    }

    [Fact]
    public void LogCumSumExpOfMinusInfinityStaysThereAndPassesNoGradient()
    {
        var x = Tensor.From([-Inf, -Inf, 0, 1]).RequireGrad();
        var y = x.LogCumSumExp(0);
        double e = Math.E;
        Close([-Inf, -Inf, 0, Math.Log(1 + e)], y);
        (y * Tensor.From([1.0, 2, 3, 4])).Sum().Backward();
        // Σ_{j≥k} g_j e^(x_k − y_j): 3 + 4/(1+e) and 4e/(1+e) (as PyTorch); 0 at −∞ where PyTorch gives NaN.
        Close([0.0, 0, 3 + 4 / (1 + e), 4 * e / (1 + e)], x.Grad!, 1e-14);
    }

    [Fact]
    public void BadArgumentsNameTheOp()
    {
        Assert.Contains("CumSum: dim 2", Assert.ThrowsAny<ArgumentException>(() => Tensor.Zeros(2, 3).CumSum(2)).Message);
        Assert.Contains("CumProd: dim -3", Assert.ThrowsAny<ArgumentException>(() => Tensor.Zeros(2, 3).CumProd(-3)).Message);
        Assert.Contains("LogCumSumExp", Assert.ThrowsAny<ArgumentException>(() => Tensor.From([1L, 2]).LogCumSumExp(0)).Message);
    }
}
