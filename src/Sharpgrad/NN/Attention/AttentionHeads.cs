namespace Sharpgrad.NN;

/// <summary>
/// The head layout of multi-head attention (Vaswani et al. 2017 §3.2.2), shared by the composed path
/// (<see cref="MultiheadAttention"/>, <see cref="Functional.ScaledDotProductAttention"/>) and the one-node path
/// (<see cref="PackedSelfAttention"/>), which must give bit for bit the same output: E features split into H heads of
/// E/H, the scaled logits of each head, and the heads merged back side by side (Concat(head₁ … head_h)).
/// </summary>
internal static class AttentionHeads
{
    /// <summary>[N, L, E] → [N, H, L, E/H], a view (the last dim must be viewable as [H, E/H], as any column block is).</summary>
    public static Tensor Split(Tensor x, int heads) => x.View(x.Size(0), x.Size(1), heads, x.Size(2) / heads).Transpose(1, 2);

    /// <summary>[N, H, L, d] → [N, L, H·d], the heads side by side.</summary>
    public static Tensor Merge(Tensor x) => x.Transpose(1, 2).Reshape(x.Size(0), x.Size(2), x.Size(1) * x.Size(3));

    /// <summary>
    /// The scaled query scale·Q and the logits scale·Q·Kᵀ over the last two dims (Vaswani et al. eq. 1). Scaling Q
    /// rather than the product costs L·E multiplications instead of L·S, and the backward reuses scale·Q for ∂K.
    /// </summary>
    public static (Tensor ScaledQuery, Tensor Logits) Logits(Tensor query, Tensor key, double scale)
    {
        var scaled = query * scale;
        return (scaled, scaled.MatMul(key.Transpose(-2, -1)));
    }
}
