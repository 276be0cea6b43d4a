using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Embedding lookups as functions of the table: repeated indices (their gradients add) and the per-position factor path
// taken when a padding index is set (here unreferenced). A referenced padding row and frequency scaling deliberately
// give a gradient that is not the derivative (PyTorch's definition), so they are checked against PyTorch's fixtures in
// EmbeddingFixtureTests instead. The index tensors are constants of the entries.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Embeddings() =>
    [
        Unary("Embedding with repeats", w => Functional.Embedding(Tensor.From(new long[,] { { 3, 0 }, { 3, 1 } }), w), () => Normal(700, 4, 3)),
        Unary("Embedding with an unreferenced padding row", w => Functional.Embedding(Tensor.From(new long[] { 2, 0, 2, 2, 0 }), w, paddingIdx: 1).Exp(),
            () => Normal(701, 3, 2)),
    ];
}
