namespace Sharpgrad.NN.Memory;

/// <summary>
/// Content addressing c = softmax_n(β K(k, M_n)) as ONE autograd node (issue #14): the forward and the backward are
/// each one backend primitive (Backends/Backend.Memory.cs) over the memory [B, N, W] and the keys [B, H, W], where the
/// composite (<see cref="ContentAddressing.Composite"/>) recorded about a dozen nodes and made unit copies of the whole
/// memory on every call. The forward saves the similarities K and both norms, so the backward needs no exp or root.
/// Backward (the chain rule through Graves et al. 2014 §3.3.1): ∂z = c ∘ (g − Σ_n c g), ∂β = Σ_n ∂z K, ∂K = β ∂z, and
/// with A = ∂K / (|k| |M_n|): ∂k = Σ_n A M_n − (Σ_n ∂K K) k / |k|², ∂M_n = Σ_h A k_h − (Σ_h ∂K K) M_n / |M_n|².
/// When the backward is itself recorded (createGraph) the rule runs the same formulas as tensor ops on the node's inputs,
/// so they can be differentiated again (the pattern of the fused recurrent gates).
/// </summary>
internal static class FusedContentAddressing
{
    /// <summary>Whether the primitives take these operands (<see cref="FusedMemoryDTypes"/>).</summary>
    public static bool Supports(Tensor memory, Tensor keys, Tensor strengths) => FusedMemoryDTypes.Supported(memory, keys, strengths);

    /// <summary>Weightings [B, H, N] for memory [B, N, W], keys [B, H, W] and strengths [B, H] (shapes checked by the caller).</summary>
    public static Tensor Apply(Tensor memory, Tensor keys, Tensor strengths)
    {
        const string op = "ContentWeights";
        Device.Of(op, memory, keys, strengths);  // fails on mixed devices
        var (m, k, beta) = (memory.Detach().Contiguous(), keys.Detach().Contiguous(), strengths.Detach().Contiguous());
        int batch = m.Shape[0], heads = k.Shape[1], cells = m.Shape[1];
        var weights = Tensor.Uninitialized(m.DType, [batch, heads, cells], m.Device);
        var similarity = Tensor.Uninitialized(m.DType, [batch, heads, cells], m.Device);
        var (rowNorms, keyNorms) = (Tensor.Uninitialized(m.DType, [batch, cells], m.Device), Tensor.Uninitialized(m.DType, [batch, heads], m.Device));
        m.Backend.ContentWeights(weights, similarity, rowNorms, keyNorms, m, k, beta, ContentAddressing.NormEpsilon);
        var saved = weights.Detach();
        return weights.Record(op, [memory, keys, strengths], g =>
        {
            if (Autograd.IsGradEnabled) return RecordedBackward(g, memory, keys, strengths);
            var (gradMemory, gradKeys, gradStrengths) = (Tensor.UninitializedLike(m), Tensor.UninitializedLike(k), Tensor.UninitializedLike(beta));
            m.Backend.ContentWeightsBackward(gradMemory, gradKeys, gradStrengths, g.Contiguous(), saved, similarity, rowNorms, keyNorms, m, k, beta);
            return [gradMemory, gradKeys, gradStrengths];
        });
    }

    /// <summary>The backward's formulas as differentiable tensor ops on the node's inputs (for double backward).</summary>
    private static Tensor?[] RecordedBackward(Tensor g, Tensor memory, Tensor keys, Tensor strengths)
    {
        var rowNorms = (memory.Square().Sum(-1, keepdim: true) + ContentAddressing.NormEpsilon).Sqrt();
        var keyNorms = (keys.Square().Sum(-1, keepdim: true) + ContentAddressing.NormEpsilon).Sqrt();
        var similarity = (keys / keyNorms).MatMul((memory / rowNorms).Transpose(1, 2));
        var weights = (similarity * strengths.Unsqueeze(-1)).Softmax(-1);
        var dz = weights * (g - (weights * g).Sum(-1, keepdim: true));
        var dSimilarity = dz * strengths.Unsqueeze(-1);
        var a = dSimilarity / (keyNorms * rowNorms.Transpose(1, 2));
        var weightedSimilarity = dSimilarity * similarity;
        return
        [
            a.Transpose(1, 2).MatMul(keys) - weightedSimilarity.Sum(1).Unsqueeze(-1) * memory / rowNorms.Square(),
            a.MatMul(memory) - weightedSimilarity.Sum(-1, keepdim: true) * keys / keyNorms.Square(),
            (dz * similarity).Sum(-1),
        ];
    }
}
