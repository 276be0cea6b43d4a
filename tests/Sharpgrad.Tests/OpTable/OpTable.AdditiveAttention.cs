using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Additive (Bahdanau) attention as a function of the query, the keys (also the values) and the weights W₁, W₂, b₂, v,
// with and without a key-padding mask (a constant of the entry, made on the inputs' device so the conformance run on the
// reference backend sees no mixed devices; row 1 masks its last position). N = 2, S = 3, Dq = 2, Dk = 2, A = 2; the
// result joins the context and the weights.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> AdditiveAttentionEntries() =>
    [
        AdditiveAttentionEntry("AdditiveAttention", 900, masked: false),
        AdditiveAttentionEntry("AdditiveAttention with a key padding mask", 910, masked: true),
    ];

    /// <summary>Inputs: query [2, 2], keys [2, 3, 2], W₁ [2, 2], W₂ [2, 2], b₂ [2], v [1, 2].</summary>
    private static OpInfo AdditiveAttentionEntry(string name, int seed, bool masked) => new(name, x =>
    {
        var mask = masked ? Tensor.From(new[] { false, false, false, false, false, true }).Reshape(2, 3).To(x[0].Device) : null;
        var (context, weights) = Functional.AdditiveAttention(x[0], x[1], Functional.Linear(x[1], x[2]), x[3], x[4], x[5], mask);
        return Joined(context, weights);
    }, () =>
    [
        Normal(seed, 2, 2), Normal(seed + 1, 2, 3, 2), Normal(seed + 2, 2, 2), Normal(seed + 3, 2, 2), Normal(seed + 4, 2), Normal(seed + 5, 1, 2),
    ]);
}
