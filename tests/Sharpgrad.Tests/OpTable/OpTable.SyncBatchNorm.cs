using Sharpgrad.NN;
using Sharpgrad.Tests.Normalization;

namespace Sharpgrad.Tests.OpTable;

// Synchronised batch norm's composed forward (sums over a stand-in world of two identical batches, then batch norm
// written with tensor ops), in training mode, for inputs [N, C] and [N, C, L].
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> SynchronisedBatchNorm() =>
    [
        Unary("synchronised BatchNorm1d over a duplicated batch", x => SyncedLayer(x).Forward(x), () => Normal(720, 3, 2)),
        Unary("synchronised BatchNorm1d over a duplicated batch of sequences", x => SyncedLayer(x).Forward(x).Exp(), () => Normal(721, 2, 2, 3)),
    ];

    private static BatchNorm1d SyncedLayer(Tensor x) => new(x.Size(1), dtype: x.DType) { StatisticsSync = new DuplicatedBatch() };
}
