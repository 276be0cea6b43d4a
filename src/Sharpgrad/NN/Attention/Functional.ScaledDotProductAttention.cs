namespace Sharpgrad.NN;

// Scaled dot-product attention (Vaswani et al. 2017, eq. 1; NYU notes week 12; Buduma ch. 7), composed from batched
// MatMul, Softmax and an additive mask, so its backward (to any order) comes from those ops.
public static partial class Functional
{
    /// <summary>
    /// softmax(q·kᵀ·scale + M)·v over the last two dims of query [..., L, E], key [..., S, E] and value [..., S, Eᵥ]
    /// (batch dims broadcast), returning the output [..., L, Eᵥ] and the attention weights [..., L, S] actually applied
    /// (after dropout). The default scale is 1/√E, which keeps the logits' variance near 1 when q and k have unit
    /// variance, so the softmax does not saturate (Vaswani et al. §3.2.1).
    /// </summary>
    /// <param name="attnMask">
    /// broadcastable to [..., L, S]. A <b>bool</b> mask says where to attend (true = attend, false = masked out), as in
    /// torch 2.x's <c>F.scaled_dot_product_attention</c>; a <b>float</b> mask is added to the logits (−∞ masks out).
    /// Note that <see cref="MultiheadAttention"/> follows nn.MultiheadAttention instead, where a bool true means
    /// "do not attend".
    /// </param>
    /// <param name="isCausal">mask out key j &gt; query i (the top-left-aligned lower triangle); not together with a mask</param>
    /// <param name="dropoutP">dropout on the attention weights, applied whenever positive (pass 0 when evaluating)</param>
    /// <param name="generator">source of the dropout masks</param>
    /// <param name="scale">the logits' factor; default 1/√E</param>
    /// <remarks>A query whose keys are all masked out gets NaN weights, as in PyTorch: softmax of a row of −∞.</remarks>
    public static (Tensor Output, Tensor Weights) ScaledDotProductAttention(Tensor query, Tensor key, Tensor value,
        Tensor? attnMask = null, bool isCausal = false, double dropoutP = 0, Generator? generator = null, double? scale = null)
    {
        const string op = "ScaledDotProductAttention";
        AttentionChecks.RequireQueryKeyValue(op, query, key, value);
        if (isCausal && attnMask is not null)
            throw new ArgumentException($"{op}: pass either attnMask or isCausal, not both (got a mask of shape {attnMask.ShapeText}).");
        CheckDropoutProbability(dropoutP);
        if (scale is double given && (!double.IsFinite(given) || given == 0))
            throw new ArgumentException($"ScaledDotProductAttention: scale must be a finite, non-zero number, got {given}.");
        double factor = scale ?? 1 / Math.Sqrt(query.Size(-1));
        var (_, logits) = AttentionHeads.Logits(query, key, factor);
        var additive = isCausal
            ? AttentionMasks.Causal(query.Size(-2), key.Size(-2), query.DType)
            : attnMask is null ? null : AttentionMasks.Additive(op, attnMask, attendWhere: true, logits, "attnMask");
        var weights = (additive is null ? logits : logits + additive).Softmax(-1);
        if (dropoutP > 0) weights = Dropout(weights, dropoutP, training: true, generator);
        return (weights.MatMul(value), weights);
    }
}
