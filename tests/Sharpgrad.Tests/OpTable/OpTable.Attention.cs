using Sharpgrad.NN;

namespace Sharpgrad.Tests.OpTable;

// Attention (issue #12): scaled dot-product attention without a mask, with a bool mask, causal, and with a float mask
// that is itself differentiated; multi-head attention as a function of its inputs and every weight (self-attention
// through the packed projection with a key-padding mask, and without masks as one node; cross-attention with kdim ≠ vdim ≠ E, bias_k/bias_v and a zero
// key); and one encoder and one decoder layer as functions of their inputs (their weights are fixed draws, made in the
// sample's dtype so the float32 comparison sees the same layer rounded). Sizes: E = 4 (2 for multi-head attention, whose
// weights are all inputs: a head dim of 1 keeps the full Jacobians small), 2 heads, L ≤ 3, S ≤ 4.
public static partial class OpTable
{
    [OpEntries]
    private static IEnumerable<OpInfo> Attention() =>
    [
        new("ScaledDotProductAttention", x => Attended(Functional.ScaledDotProductAttention(x[0], x[1], x[2])), () => QueryKeyValue(800)),
        new("ScaledDotProductAttention with a bool mask", x => Attended(Functional.ScaledDotProductAttention(x[0], x[1], x[2],
            Tensor.From(new[,] { { 1.0, 0, 1, 0 }, { 0, 1, 1, 1 }, { 0, 0, 0, 1 } }).Ne(0.0))), () => QueryKeyValue(810)),
        new("ScaledDotProductAttention causal", x => Attended(Functional.ScaledDotProductAttention(x[0], x[1], x[2], isCausal: true)),
            () => QueryKeyValue(820)),
        new("ScaledDotProductAttention with a float mask", x => Attended(Functional.ScaledDotProductAttention(x[0], x[1], x[2], x[3])),
            () => [.. QueryKeyValue(830), Normal(834, 2, 1, 4)]),
        new("MultiheadAttention self with key padding", x => Attended(SelfAttention(x[0].DType).Attend(x[0], x[0], x[0],
            new AttentionOptions { KeyPaddingMask = Tensor.From(new[,] { { 0.0, 0, 1 }, { 0, 0, 0 } }).Ne(0.0) },
            new AttentionWeights(x[1], null, null, null, x[2], null, null, x[3], x[4]))),
            () => [Normal(840, 3, 2, 2), Normal(841, 6, 2), Normal(842, 6), Normal(843, 2, 2), Normal(844, 2)]),
        // No mask, no weights asked for: the packed self-attention node (PackedSelfAttention) with its written-out backward.
        new("MultiheadAttention self, packed node", x => PackedSelfAttention(x[0].DType).Attend(x[0], x[0], x[0],
            new AttentionOptions { NeedWeights = false }, new AttentionWeights(x[1], null, null, null, x[2], null, null, x[3], x[4])).Output,
            () => [Normal(845, 3, 2, 4), Normal(846, 12, 4), Normal(847, 12), Normal(848, 4, 4), Normal(849, 4)]),
        new("MultiheadAttention cross, kdim vdim, bias_kv, zero attn", x => Attended(CrossAttention(x[0].DType).Attend(x[0], x[1], x[2],
            new AttentionOptions { AverageAttnWeights = false },
            new AttentionWeights(null, x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10]))),
            () => [Normal(850, 2, 1, 2), Normal(851, 3, 1, 3), Normal(852, 3, 1, 1), Normal(853, 2, 2), Normal(854, 2, 3), Normal(855, 2, 1),
                Normal(856, 6), Normal(857, 1, 1, 2), Normal(858, 1, 1, 2), Normal(859, 2, 2), Normal(860, 2)]),
        new("TransformerEncoderLayer post-norm GELU, causal", x => new TransformerEncoderLayer(4, 2, 6, 0, TransformerActivation.Gelu,
            dtype: x[0].DType, generator: new Generator(870)).Forward(x[0], Transformer.GenerateSquareSubsequentMask(3, x[0].DType), null),
            () => [Normal(871, 3, 1, 4)]),
        new("TransformerDecoderLayer pre-norm ReLU, causal", x => new TransformerDecoderLayer(4, 2, 6, 0, normFirst: true,
            dtype: x[0].DType, generator: new Generator(880)).Forward(x[0], x[1],
                new DecoderMasks { TgtMask = Transformer.GenerateSquareSubsequentMask(2, x[0].DType) }),
            () => [Normal(881, 2, 1, 4), Normal(882, 3, 1, 4)]),
    ];

    /// <summary>q [2, 3, 2], k [2, 4, 2], v [2, 4, 3]: two batches, 3 queries, 4 keys.</summary>
    private static Tensor[] QueryKeyValue(int seed) => [Normal(seed, 2, 3, 2), Normal(seed + 1, 2, 4, 2), Normal(seed + 2, 2, 4, 3)];

    /// <summary>The output and the weights in one tensor, so the sweep checks the gradients through both.</summary>
    private static Tensor Attended((Tensor Output, Tensor? Weights) result) => Joined(result.Output, result.Weights!);

    private static MultiheadAttention SelfAttention(DType dtype) => new(2, 2, dtype: dtype);

    private static MultiheadAttention PackedSelfAttention(DType dtype) => new(4, 2, dtype: dtype);

    private static MultiheadAttention CrossAttention(DType dtype) => new(2, 2, addBiasKV: true, addZeroAttn: true, kdim: 3, vdim: 1, dtype: dtype);
}
