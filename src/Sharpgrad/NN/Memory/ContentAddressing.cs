namespace Sharpgrad.NN.Memory;

/// <summary>
/// Content-based addressing, shared by the NTM and the DNC (Graves et al. 2014 §3.3.1, 2016 Methods "Content-based
/// addressing"; GBC §10.12): each head's key k is compared with every memory row M_i by cosine similarity and the
/// similarities, scaled by the key strength β, go through a softmax over the rows:
/// c_i = exp(β·K(k, M_i)) / Σ_j exp(β·K(k, M_j)), K(u, v) = u·v / (|u|·|v|).
/// </summary>
public static class ContentAddressing
{
    /// <summary>
    /// The ε inside the norms, |u| = √(u·u + ε), as in DeepMind's DNC code: unlike a clamped norm it keeps the gradient
    /// finite for an all-zero memory row (the DNC's memory starts at zero).
    /// </summary>
    public const double NormEpsilon = 1e-6;

    /// <summary>
    /// Content weightings [B, H, N] for memory [B, N, W], keys [B, H, W] and strengths β [B, H]. All heads and rows are
    /// compared at once. float32 and float64 run as one fused node (<see cref="FusedContentAddressing"/>), other
    /// dtypes as the composite: one batched matrix product of the unit keys with the unit rows.
    /// </summary>
    public static Tensor Weights(Tensor memory, Tensor keys, Tensor strengths, string module = "ContentAddressing")
    {
        MemoryChecks.Rank(module, "memory", memory, 3, "[batch, cells, width]");
        MemoryChecks.Shape(module, "keys", keys, [memory.Shape[0], -1, memory.Shape[2]], "[batch, heads, width]");
        MemoryChecks.Shape(module, "strengths", strengths, [memory.Shape[0], keys.Shape[1]], "[batch, heads]");
        return FusedContentAddressing.Supports(memory, keys, strengths)
            ? FusedContentAddressing.Apply(memory, keys, strengths)
            : Composite(memory, keys, strengths);
    }

    /// <summary>
    /// <see cref="Weights"/> as tensor ops (no shape checks): what the fused node computes, kept for dtypes it does not
    /// take and as its independent oracle in the tests.
    /// </summary>
    internal static Tensor Composite(Tensor memory, Tensor keys, Tensor strengths)
    {
        var unitRows = memory / (memory.Square().Sum(-1, keepdim: true) + NormEpsilon).Sqrt();
        var unitKeys = keys / (keys.Square().Sum(-1, keepdim: true) + NormEpsilon).Sqrt();
        var similarity = unitKeys.MatMul(unitRows.Transpose(1, 2));
        return (similarity * strengths.Unsqueeze(-1)).Softmax(-1);
    }
}
