namespace Sharpgrad.NN.Memory;

/// <summary>
/// Reading and writing a memory [B, N, W] with soft weightings, as the NTM (Graves et al. 2014 §3.1–3.2) and the DNC
/// (2016, Methods "Reading and writing to memory") both do. Each is one batched product over all cells and heads.
/// </summary>
public static class MemoryAccess
{
    /// <summary>r = wᵀM per head: read vectors [B, H, W] from weightings [B, H, N] (eq. 2 of the NTM paper).</summary>
    public static Tensor Read(Tensor memory, Tensor weightings) => weightings.MatMul(memory);

    /// <summary>
    /// M' = M ∘ ∏_h (1 − w_h e_hᵀ) + Σ_h w_h a_hᵀ (NTM eqs. 3–4; for one head the DNC's M ∘ (E − w eᵀ) + w vᵀ): each
    /// head erases where it writes, by the fraction e ∈ [0, 1]^W, then adds a. Several write heads erase in any order
    /// (the product commutes) before any adds. Weightings [B, H, N], erase and add vectors [B, H, W].
    /// </summary>
    public static Tensor Write(Tensor memory, Tensor weightings, Tensor erase, Tensor add)
    {
        const string module = "MemoryAccess.Write";
        MemoryChecks.Rank(module, "memory", memory, 3, "[batch, cells, width]");
        int b = memory.Shape[0], n = memory.Shape[1], w = memory.Shape[2];
        MemoryChecks.Shape(module, "write weightings", weightings, [b, -1, n], "[batch, heads, cells]");
        int h = weightings.Shape[1];
        MemoryChecks.Shape(module, "erase vectors", erase, [b, h, w], "[batch, heads, width]");
        MemoryChecks.Shape(module, "add vectors", add, [b, h, w], "[batch, heads, width]");
        var kept = 1 - weightings.Unsqueeze(-1) * erase.Unsqueeze(-2);
        var retained = h == 1 ? memory * kept.Squeeze(1) : memory * kept.Prod(1);
        return retained + weightings.Transpose(1, 2).MatMul(add);
    }
}
