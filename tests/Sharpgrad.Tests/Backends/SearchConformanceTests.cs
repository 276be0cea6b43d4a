namespace Sharpgrad.Tests.Backends;

/// <summary>
/// The counting and searching primitives on both backends: Nonzero over every dtype (NaN and −0 included), strided,
/// 0-d and empty inputs; Bincount with and without weights; SearchSorted over 1-D and batched sequences, both sides,
/// NaN values and mixed dtypes. Positions and counts must agree exactly.
/// </summary>
public class SearchConformanceTests
{
    [Fact]
    public void NonzeroAgreesOnEveryDTypeAndLayout()
    {
        var floats = Tensor.From(new[,] { { 0.0, -0.0, double.NaN }, { 2.5, 0, -1 } });
        var ints = Tensor.From(new long[,] { { 0, 3, 0, 0 }, { -2, 0, 0, 1 } });
        BackendPair.Exact(t => [t.Nonzero(), t.Transpose(0, 1).Nonzero(), .. t.Nonzero(asTuple: true)], floats, floats.To(DType.Float32), ints, ints.Bool());
        BackendPair.Exact(t => [t.Nonzero()], Tensor.Scalar(3.0), Tensor.Scalar(0.0), Tensor.Zeros([0, 2], DType.Float64));
    }

    [Fact]
    public void BincountAgreesWithAndWithoutWeights()
    {
        var values = Tensor.From([3L, 0, 3, 1, 5, 3]);
        BackendPair.Exact(v => [v.Bincount(), v.Bincount(minlength: 9), v.Narrow(0, 0, 0).Bincount(minlength: 2)], values);
        foreach (var weights in new[] { Tensor.From([0.5, 1, 2, -1, 4, 0.25]), Tensor.From([1.5f, 2, 3, 4, 5, 6]), Tensor.From([2L, 1, 1, 1, 1, 7]) })
            BackendPair.Exact((v, w) => [v.Bincount(w), v.Bincount(w, minlength: 8)], values, weights);
    }

    [Fact]
    public void SearchSortedAgreesOnBothSidesBatchesAndNaN()
    {
        var sequence = Tensor.From([-1.0, 0, 0, 2, 2, 2, 5]);
        var values = Tensor.From(new[,] { { -3.0, 0, 2 }, { 2.5, double.NaN, 9 } });
        Tensor[] Search(Tensor s, Tensor v) =>
            [Tensor.SearchSorted(s, v), Tensor.SearchSorted(s, v, right: true), v.Transpose(0, 1).Bucketize(s), Tensor.SearchSorted(s, v.Select(0, 0).Select(0, 1))];
        BackendPair.Exact(Search, sequence, values);
        BackendPair.Exact(Search, sequence.To(DType.Float32), values.To(DType.Float32));
        BackendPair.Exact(Search, Tensor.From([-1L, 0, 4, 4, 9]), Tensor.From(new long[,] { { 4, -2, 0 }, { 10, 4, 1 } }));

        var rows = Tensor.From(new[,] { { 0.0, 1, 2, 3 }, { -5, -5, 0, 10 } });
        var perRow = Tensor.From(new[,] { { 1.5, 3, -1 }, { -5, 0, 11 } });
        BackendPair.Exact((s, v) => [Tensor.SearchSorted(s, v), Tensor.SearchSorted(s, v, right: true), Tensor.SearchSorted(s.To(DType.Int64), v)], rows, perRow);
    }
}
