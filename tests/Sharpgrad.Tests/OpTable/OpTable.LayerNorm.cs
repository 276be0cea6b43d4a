using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Layer norm's fused node (NN/Normalization/LayerNormalization.cs): over the last dim with the affine parameters, and
// over the last two dims without them; its double backward is the recorded tensor-op form.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> LayerNormEntries() =>
    [
        new("LayerNorm over the last dim, with weight and bias", x => Functional.LayerNorm(x[0], [5], x[1], x[2]),
            () => [Normal(950, 3, 5), Normal(951, 5), Normal(952, 5)]),
        Unary("LayerNorm over the last two dims, no affine", x => Functional.LayerNorm(x, [2, 3]), () => Normal(953, 2, 2, 3)),
    ];
}
