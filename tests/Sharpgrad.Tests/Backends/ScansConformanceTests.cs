using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The running-op primitives on both backends beyond the op table: int64 and bool scans (exact), strided and 3-D
/// inputs along every dim, runs of −∞ in LogCumSumExp, empty dims, and CumProd's division-free gradient at zeros.
/// </summary>
public class ScansConformanceTests
{
    [Fact]
    public void IntegerAndBoolScansAreExact()
    {
        var ints = Tensor.From(new long[,] { { 3, -2, 7 }, { 0, 5, -4 } });
        var bools = Tensor.From(new[] { true, false, true, true, false, true }).Reshape(3, 2);
        BackendPair.Exact(x => [x.CumSum(0), x.CumSum(-1), x.CumProd(1), x.Transpose(0, 1).CumProd(0)], ints, bools);
    }

    [Fact]
    public void FloatScansAgreeAlongEveryDimOfStridedInputs()
    {
        var x = Randn(4, 2, 3, 4);
        foreach (var t in new[] { x, x.To(DType.Float32) })
            BackendPair.Close(y => [y.CumSum(0), y.CumSum(1), y.Permute(2, 0, 1).CumProd(-1), y.LogCumSumExp(2), y.LogCumSumExp(-3)], t);
        BackendPair.Exact(y => [y.CumSum(0), y.CumProd(1), y.LogCumSumExp(0)], Tensor.Zeros([0, 3], DType.Float64));
    }

    [Fact]
    public void LogCumSumExpKeepsRunsOfMinusInfinity()
    {
        double inf = double.PositiveInfinity;
        var x = Tensor.From(new[,] { { -inf, -inf, 0, -inf }, { inf, 1, inf, -inf }, { 700, 710, -700, 0 } });
        BackendPair.Close(y => [y.LogCumSumExp(1)], x, x.To(DType.Float32));
    }

    [Fact]
    public void CumProdGradientAgreesAtZeros()
    {
        var x = Tensor.From(new[,] { { 1.5, 0.0, 2.0, -0.5 }, { 0.0, 0.0, 3.0, 0.8 }, { 0.7, 1.2, -1.1, 0.9 } });
        Tensor[] Gradients(Tensor t)
        {
            var leaf = t.Detach().RequireGrad();
            var weights = Tensor.Arange(12).To(t.DType).Reshape(3, 4).To(t.Device);
            return [.. Autograd.Grad([(leaf.CumProd(1) * weights).Sum()], [leaf]), .. Autograd.Grad([(leaf.CumProd(0) * weights).Sum()], [leaf])];
        }
        BackendPair.Close(Gradients, x, x.To(DType.Float32));
    }
}
