using static Sharpgrad.Tests.Tensors.TensorAssert;

namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The sorting and order-statistic primitives on both backends: sorted order and indices with ties (stability, also
/// descending), NaN and ±∞, every key dtype, strided inputs and negative dims; Unique's runs, inverse and counts; Mode
/// and Median indices. Every result picks elements, so the backends must agree exactly.
/// </summary>
public class SortingConformanceTests
{
    private static readonly double Nan = double.NaN, Inf = double.PositiveInfinity;

    /// <summary>[3, 5] float64 with ties, −0 beside 0, NaNs and infinities.</summary>
    private static Tensor Keys() => Tensor.From(new[,] { { 2.0, -1, 2, Nan, 0 }, { -0.0, 0, Inf, -Inf, 0 }, { Nan, 3, Nan, 3, -Inf } });

    private static Tensor[] Sorted(Tensor t)
    {
        var (values, indices) = t.Sort();
        var (down, downAt) = t.Sort(0, descending: true);
        var (top, topAt) = t.TopK(2, dim: -1, largest: false);
        var (kth, kthAt) = t.Kthvalue(2, dim: 0, keepdim: true);
        return [values, indices, down, downAt, top, topAt, kth, kthAt, t.ArgSort(-2, descending: true), t.Transpose(0, 1).ArgSort(1)];
    }

    [Fact]
    public void SortsAgreeOnTiesNaNAndEveryDType()
    {
        var keys = Keys();
        var ints = Tensor.From(new long[,] { { 3, 1, 3, 2, 1 }, { 0, 0, -5, 7, 0 }, { 9, 9, 9, 9, 9 } });
        var bools = Tensor.From(new[] { true, false, true, false, false, true }).Reshape(2, 3);
        BackendPair.Exact(Sorted, keys, keys.To(DType.Float32), ints, Randn(5, 3, 6));
        BackendPair.Exact(t => [t.ArgSort(1), t.ArgSort(0, descending: true)], bools);
        BackendPair.Exact(t => [t.ArgSort(0), t.Sort(-1).Values], Tensor.Zeros([0, 3], DType.Float64), Tensor.Scalar(4.0));
    }

    [Fact]
    public void UniqueAgreesOnValuesSlicesInverseAndCounts()
    {
        var keys = Keys();
        var rows = Tensor.From(new long[,] { { 1, 2 }, { 0, 5 }, { 1, 2 }, { 1, 0 }, { 0, 5 } });
        Tensor[] Unique(Tensor t)
        {
            var all = t.Unique(returnInverse: true, returnCounts: true);
            var slices = t.Unique(returnInverse: true, returnCounts: true, dim: 0);
            return [all.Values, all.Inverse!, all.Counts!, slices.Values, slices.Inverse!, slices.Counts!];
        }
        BackendPair.Exact(Unique, keys, keys.To(DType.Float32), rows, Tensor.From(new[] { true, false, true }));
    }

    [Fact]
    public void ModeAndMedianAgreeOnTheirPositions()
    {
        var keys = Keys();
        var ints = Tensor.From(new long[,] { { 3, 1, 3, 1, 2 }, { 5, 5, 4, 4, 4 }, { 7, 6, 8, 9, 0 } });
        Tensor[] Statistics(Tensor t)
        {
            var (mode, modeAt) = t.Mode(-1);
            var (columnMode, columnAt) = t.Mode(0, keepdim: true);
            var (median, medianAt) = t.Median(1);
            return [mode, modeAt, columnMode, columnAt, median, medianAt, t.Transpose(0, 1).Mode(1).Indices];
        }
        BackendPair.Exact(Statistics, keys, keys.To(DType.Float32), ints);
    }
}
