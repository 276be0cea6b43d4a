namespace Sharpgrad.Tests.OpTable;

// Einsum and the other products (issue #10). Cdist's random normal samples keep every distance and coordinate
// difference far from 0 (and, for p = ∞, the largest difference unique), where the norm has a kink.
public static partial class OpTable
{
    private static OpInfo Einsum(string equation, params int[][] shapes)
        => new($"Einsum {equation}", x => Tensor.Einsum(equation, x), () => [.. shapes.Select((s, i) => Normal(600 + i + equation.Length * 7, s))]);

    [OpEntries]
    private static IEnumerable<OpInfo> Products() =>
    [
        Einsum("ij,jk->ik", [3, 4], [4, 2]),
        Einsum("bij,bjk", [2, 3, 4], [2, 4, 2]),
        Einsum("ii->i", [3, 3]),
        Einsum("iij->j", [3, 3, 2]),
        Einsum("i,j->ij", [3], [4]),
        Einsum("...ij,...jk->...ik", [2, 1, 3, 2], [3, 2, 2]),
        Einsum("bn,anm,bm->ba", [2, 3], [2, 3, 4], [2, 4]),
        Einsum("ijk,jil->kl", [2, 3, 2], [3, 2, 3]),
        Einsum("ij->", [3, 4]),
        Binary("Kron", (a, b) => a.Kron(b), () => Normal(620, 2, 3), () => Normal(621, 2, 2)),
        Binary("Tensordot dims 2", (a, b) => a.Tensordot(b), () => Normal(622, 2, 3, 4), () => Normal(623, 3, 4, 2)),
        Binary("Tensordot paired dims", (a, b) => a.Tensordot(b, [0, 2], [2, 1]), () => Normal(624, 2, 3, 4), () => Normal(625, 3, 4, 2)),
        Binary("Outer", (a, b) => a.Outer(b), () => Normal(626, 3), () => Normal(627, 4)),
        Binary("Cross with broadcasting", (a, b) => a.Cross(b), () => Normal(628, 2, 3), () => Normal(629, 1, 3)),
        Binary("Cross dim 0", (a, b) => a.Cross(b, 0), () => Normal(630, 3, 2), () => Normal(631, 3, 2)),
        .. new[] { 2.0, 1.0, 3.0, 1.5, 0.5, double.PositiveInfinity }.Select(p =>
            Binary($"Cdist p={p}", (a, b) => Tensor.Cdist(a, b, p), () => Normal(632, 3, 4), () => Normal(633, 2, 4))),
        Binary("Cdist batched", (a, b) => Tensor.Cdist(a, b), () => Normal(634, 2, 3, 2), () => Normal(635, 1, 2, 2)),
    ];
}
