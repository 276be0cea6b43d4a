namespace Sharpgrad.Tests.OpTable;

// Sorting and selection, running ops, rearranging and shape ops (issue #10). Sorted inputs are Distinct (no ties, so
// the permutation is locally constant); CumProd is a polynomial, so its entry with exact zeros is smooth there and
// checks the zero-safe gradient to second order.
public static partial class OpTable
{
    private static Tensor WithZeros() => Tensor.From(new[,] { { 1.5, 0.0, 2.0, -0.5 }, { 0.7, 1.2, -1.1, 0.0 }, { 0.0, 0.0, 3.0, 0.8 } }).RequireGrad();

    [OpEntries]
    private static IEnumerable<OpInfo> Sorting() =>
    [
        // Sorting and selection
        Unary("Sort(-1)", x => x.Sort().Values, () => Distinct(1001, 3, 4)),
        Unary("Sort(0, descending) values + indices", x => { var (v, i) = x.Sort(0, descending: true); return v + 0.5 * i.To(v.DType); }, () => Distinct(1002, 4, 3)),
        Unary("TopK(2)", x => x.TopK(2).Values, () => Distinct(1003, 3, 5)),
        Unary("TopK(2, 0, smallest)", x => x.TopK(2, dim: 0, largest: false).Values, () => Distinct(1004, 4, 3)),
        Unary("Kthvalue(2, 1)", x => x.Kthvalue(2, dim: 1).Values, () => Distinct(1005, 3, 4)),
        Unary("Kthvalue(3, -2, keepdim)", x => x.Kthvalue(3, dim: -2, keepdim: true).Values, () => Distinct(1006, 2, 4, 3)),

        // Running ops
        Unary("CumSum(0)", x => x.CumSum(0), () => Normal(1010, 4, 3)),
        Unary("CumSum(-1) 3-D", x => x.CumSum(-1), () => Normal(1011, 2, 3, 4)),
        Unary("CumProd(1)", x => x.CumProd(1), () => Positive(1012, 3, 4)),
        Unary("CumProd(0) signed", x => x.CumProd(0), () => AwayFromZero(1013, 4, 3)),
        Unary("CumProd(-1) with zeros", x => x.CumProd(-1), WithZeros),
        Unary("LogCumSumExp(-1)", x => x.LogCumSumExp(-1), () => Normal(1014, 3, 4)),
        Unary("LogCumSumExp(0) 3-D", x => x.LogCumSumExp(0), () => Normal(1015, 3, 2, 2)),

        // Moving and reshaping
        Unary("Roll(1, 1)", x => x.Roll(1, 1), () => Normal(1020, 3, 4)),
        Unary("Roll([2, -1], [0, 1])", x => x.Roll([2, -1], [0, 1]), () => Normal(1021, 3, 4)),
        Unary("Roll(3) flat", x => x.Roll(3), () => Normal(1022, 2, 3)),
        Unary("Flip(0)", x => x.Flip(0), () => Normal(1023, 3, 4)),
        Unary("Flip(0, -1) 3-D", x => x.Flip(0, -1), () => Normal(1024, 2, 3, 2)),
        Unary("Tril()", x => x.Tril(), () => Normal(1025, 3, 4)),
        Unary("Triu(1)", x => x.Triu(1), () => Normal(1026, 4, 3)),
        Unary("Tril(-1) batched", x => x.Tril(-1), () => Normal(1027, 2, 3, 3)),
        Unary("Diag(1) of a vector", x => x.Diag(1), () => Normal(1028, 3)),
        Unary("Diag(-1) of a matrix", x => x.Diag(-1), () => Normal(1029, 3, 4)),
        Unary("DiagEmbed()", x => x.DiagEmbed(), () => Normal(1030, 2, 3)),
        Unary("DiagEmbed(1, 0, 2)", x => x.DiagEmbed(1, 0, 2), () => Normal(1031, 2, 3)),
        Unary("Diagonal(1)", x => x.Diagonal(1), () => Normal(1032, 3, 4)),
        Unary("Diagonal(-1, 2, 0)", x => x.Diagonal(-1, 2, 0), () => Normal(1033, 2, 3, 4)),
        Unary("RepeatInterleave(2)", x => x.RepeatInterleave(2), () => Normal(1034, 2, 2)),
        Unary("RepeatInterleave(tensor, 0)", x => x.RepeatInterleave(Tensor.From([1L, 0, 2]), dim: 0), () => Normal(1035, 3, 2)),
        Unary("Tile(2, 1, 2)", x => x.Tile(2, 1, 2), () => Normal(1036, 2, 3)),
        Unary("Unfold(1, 2, 1) overlapping", x => x.Unfold(1, 2, 1), () => Normal(1037, 2, 5)),
        Unary("Unfold(0, 3, 2)", x => x.Unfold(0, 3, 2), () => Normal(1038, 7)),

        // Shape ops
        Unary("Movedim([0, 1], [2, 0])", x => x.Movedim([0, 1], [2, 0]), () => Normal(1040, 2, 3, 4)),
        Unary("Swapaxes(0, -1)", x => x.Swapaxes(0, -1), () => Normal(1041, 2, 3, 4)),
        Unary("Unbind(1) combined", x => { var u = x.Unbind(1); return u[0] + 2.0 * u[1] + 3.0 * u[2]; }, () => Normal(1042, 2, 3)),
        new("Meshgrid(xy) combined", x => { var g = Tensor.Meshgrid(x, indexing: "xy"); return g[0] * g[1] + g[2]; },
            () => [Normal(1043, 2), Normal(1044, 3), Normal(1045, 2)]),
        Unary("BroadcastTo([2, 3, 4])", x => x.BroadcastTo(2, 3, 4), () => Normal(1046, 3, 1)),
    ];
}
