using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The reduction and softmax primitives on both backends, for what the op table does not reach: integer and bool
/// sums, argmax/argmin indices with ties and NaN, long rows that the CPU sums in blocks, strided and empty inputs, and
/// softmax over infinite lines.
/// </summary>
public class ReductionsConformanceTests
{
    private static readonly double Nan = double.NaN, Inf = double.PositiveInfinity;

    /// <summary>[3, 4] float64 with repeated maxima and minima, a NaN in row 1, and ±∞ in row 2.</summary>
    private static Tensor WithTiesAndNaN() => Tensor.From(new[,] { { 2.0, 5, 5, -1 }, { 3, Nan, 7, Nan }, { -Inf, 4, Inf, -Inf } });

    [Fact]
    public void IntegerAndBoolSumsAndProductsAreExact()
    {
        var ints = Tensor.From(new long[,] { { 3, -2, 7 }, { 0, 5, -4 } });
        var bools = Tensor.From(new[] { true, false, true, true, false, true }).Reshape(2, 3);
        BackendPair.Exact(x => [x.Sum(), x.Sum(0), x.Sum(-1, keepdim: true), x.Prod(1), x.Transpose(0, 1).Prod(0)], ints, bools);
    }

    [Fact]
    public void FloatSumsAgreeOnStridedViewsSeveralDimsAndEmptyTensors()
    {
        var x = Randn(1, 3, 4, 5);
        foreach (var t in new[] { x, x.To(DType.Float32) })
            BackendPair.Close(y => [y.Sum([0, 2]), y.Sum([-1, 0], keepdim: true), y.Permute(2, 0, 1).Sum(1), y.Mean(), y.Prod(-1), y.Var(1), y.Norm(3, [1])], t);
        BackendPair.Exact(y => [y.Sum(0), y.Sum(1), y.Prod(0), y.Sum()], Tensor.Zeros([0, 3], DType.Float64));
    }

    [Fact]
    public void LongRowsThatTheCpuSumsInBlocksAgree()
    {
        var x = Uniform(2, 0.5, 1.5, 7 * 1758);
        BackendPair.Close(y => [y.Sum(), y.Reshape(7, -1).Sum(1), y.Reshape(-1, 7).Sum(0)], x, x.To(DType.Float32));
    }

    [Fact]
    public void ArgExtremesPickTheFirstTieAndTheFirstNaN()
    {
        var x = WithTiesAndNaN();
        Tensor[] Extremes(Tensor t)
        {
            var (max, at) = t.Max(1);
            var (min, minAt) = t.Min(0, keepdim: true);
            return [max, at, min, minAt, t.ArgMax(), t.ArgMin(-1), t.Transpose(0, 1).ArgMax(0), t.Amax([0, 1]), t.Max()];
        }
        BackendPair.Exact(Extremes, x, x.To(DType.Float32));
        BackendPair.Exact(Extremes, Tensor.From(new long[,] { { 4, 9, 9 }, { -3, -3, 1 } }));
        BackendPair.Exact(t => [t.Max(0).Indices, t.ArgMin()], Tensor.From(new[] { false, true, true, false }));
    }

    [Fact]
    public void SoftmaxAgreesOnInfiniteLinesAndStridedInputs()
    {
        var masked = Tensor.From(new[,] { { 1.0, -Inf, 2 }, { -Inf, -Inf, -Inf }, { 1e4, 1e4, 1e4 }, { 0, Inf, 1 } });
        var x = Randn(3, 4, 3, 2);
        foreach (var t in new[] { masked, masked.To(DType.Float32), x, x.To(DType.Float32) })
            BackendPair.Close(y => [y.Softmax(), y.LogSoftmax(0), y.Transpose(0, 1).Softmax(-1), y.LogSumExp(1)], t);
    }
}
