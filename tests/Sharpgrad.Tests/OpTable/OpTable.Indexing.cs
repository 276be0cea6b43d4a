namespace Sharpgrad.Tests.OpTable;

// Writing by index and advanced indexing (issue #10). Scatter samples are random normals, so a max or min never ties
// (two draws from different grids, as Distinct gives, can); products stay away from 0.
public static partial class OpTable
{
    private static Tensor Index2d(long[,] values) => Tensor.From(values);

    // Made at each use, so that it lives on the device the entry runs on (the conformance tests run it on each backend).
    private static Tensor ScatterIndex => Tensor.From(new long[,] { { 0, 0, 2 }, { 3, 1, 3 } });

    [OpEntries]
    private static IEnumerable<OpInfo> Indexing() =>
    [
        .. new[] { "sum", "prod", "mean", "amax", "amin" }.SelectMany(reduce => new[] { true, false }.Select(includeSelf =>
            Binary($"ScatterReduce {reduce} includeSelf={includeSelf}", (a, s) => a.ScatterReduce(1, ScatterIndex, s, reduce, includeSelf),
                () => reduce == "prod" ? AwayFromZero(500, 2, 4) : Normal(500, 2, 4),
                () => reduce == "prod" ? AwayFromZero(501, 2, 3) : Normal(501, 2, 3)))),
        Binary("ScatterReduce amax dim 0, larger source", (a, s) => a.ScatterReduce(0, Index2d(new long[,] { { 2, 0 } }), s, "amax"),
            () => Normal(502, 3, 2), () => Normal(503, 2, 3)),
        Binary("IndexCopy", (a, s) => a.IndexCopy(1, Long(3, 1), s), () => Normal(504, 2, 4), () => Normal(505, 2, 2)),
        Unary("IndexFill with negative index", x => x.IndexFill(0, Long(-1, 0), 1.5).Exp(), () => Normal(506, 3, 2)),
        Binary("IndexFill with a tensor value", (x, v) => x.IndexFill(1, Long(2), v), () => Normal(507, 2, 3), () => Normal(508)),
        Binary("MaskedFill with a tensor value", (x, v) => x.MaskedFill(Tensor.From(new[] { true, false, true }), v),
            () => Normal(509, 2, 3), () => Normal(510)),
        Binary("IndexPut", (x, v) => x.IndexPut([Long(0, -1), Long(2, 1)], v), () => Normal(511, 3, 4), () => Normal(512, 2)),
        Binary("IndexPut accumulate with repeats", (x, v) => x.IndexPut([Long(1, -2, 0)], v, accumulate: true),
            () => Normal(513, 3, 2), () => Normal(514, 3, 2)),
        Unary("Indexer 2-D index tensor", x => x[Index2d(new long[,] { { 0, -1 }, { 2, 0 } })], () => Normal(515, 4, 3)),
        Unary("Indexer broadcast index tensors", x => x[Index2d(new long[,] { { 0 }, { 2 } }), Long(1, -1, 3)], () => Normal(516, 3, 4)),
        Unary("Indexer tensors separated by a slice", x => x[Long(0, 2), .., Long(-1, 1)], () => Normal(517, 3, 2, 4)),
        Unary("Indexer adjacent tensors after a slice", x => x[.., Long(0, 2), Long(-1, 1)], () => Normal(518, 2, 3, 4, 2)),
        Unary("Indexer mask over leading dims", x => x[Tensor.From(new[] { true, false, true, true, false, true }).Reshape(2, 3)], () => Normal(519, 2, 3, 2)),
        new("Where broadcasting all three operands", x => Tensor.Where(Tensor.From(new[] { true, false, true }).Reshape(3, 1, 1), x[0], x[1]),
            () => [Normal(522, 2, 1), Normal(523, 4)]),
    ];
}
