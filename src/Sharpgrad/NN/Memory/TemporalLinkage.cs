namespace Sharpgrad.NN.Memory;

/// <summary>
/// The DNC's temporal memory linkage (Graves et al. 2016, Methods "Temporal memory linkage"; Buduma ch8): L_t[i, j]
/// says how much cell i was written right after cell j, so read heads can replay writes forwards (f = L_t w) or
/// backwards (b = L_tᵀ w). Everything is batched tensor expressions over the whole N × N matrix; there is no loop over
/// its cells (Buduma notes that a loop makes N² − N graph copies).
/// </summary>
public static class TemporalLinkage
{
    /// <summary>p_t = (1 − Σ_i w^w_t[i]) p_{t−1} + w^w_t: the degree to which each cell was the last written, [B, N].</summary>
    public static Tensor Precedence(Tensor previousPrecedence, Tensor writeWeights)
    {
        MemoryChecks.Rank("DNC precedence", "previous precedence", previousPrecedence, 2, "[batch, cells]");
        MemoryChecks.Shape("DNC precedence", "write weighting", writeWeights, previousPrecedence.Shape.ToArray(), "[batch, cells]");
        return (1 - writeWeights.Sum(-1, keepdim: true)) * previousPrecedence + writeWeights;
    }

    /// <summary>
    /// L_t[i, j] = (1 − w_t[i] − w_t[j]) L_{t−1}[i, j] + w_t[i] p_{t−1}[j] for i ≠ j, and L_t[i, i] = 0; [B, N, N]. The
    /// factor (1 − w_i − w_j) is 1 − (V + Vᵀ) with V[i, j] = w_i (Buduma's <c>pairwise_add</c>, whose printed form misses
    /// the transpose), built by broadcasting w as a column and a row; the new links are the outer product w p_{t−1}ᵀ.
    /// float32 and float64 run as one fused node (<see cref="FusedLinkUpdate"/>), other dtypes as the composite.
    /// </summary>
    public static Tensor Link(Tensor previousLink, Tensor writeWeights, Tensor previousPrecedence)
    {
        const string module = "DNC link matrix";
        MemoryChecks.Rank(module, "write weighting", writeWeights, 2, "[batch, cells]");
        int b = writeWeights.Shape[0], n = writeWeights.Shape[1];
        MemoryChecks.Shape(module, "previous link matrix", previousLink, [b, n, n], "[batch, cells, cells]");
        MemoryChecks.Shape(module, "previous precedence", previousPrecedence, [b, n], "[batch, cells]");
        return FusedLinkUpdate.Supports(previousLink, writeWeights, previousPrecedence)
            ? FusedLinkUpdate.Apply(previousLink, writeWeights, previousPrecedence)
            : Composite(previousLink, writeWeights, previousPrecedence);
    }

    /// <summary>
    /// <see cref="Link"/> as broadcast tensor ops (no shape checks): what the fused node computes, kept for dtypes it
    /// does not take and as its independent oracle in the tests.
    /// </summary>
    internal static Tensor Composite(Tensor previousLink, Tensor writeWeights, Tensor previousPrecedence)
    {
        int n = writeWeights.Shape[1];
        var column = writeWeights.Unsqueeze(2);
        var pairSum = column + writeWeights.Unsqueeze(1);
        var link = (1 - pairSum) * previousLink + column * previousPrecedence.Unsqueeze(1);
        return link * (1 - Tensor.Eye(n, dtype: link.DType).To(link.Device));
    }

    /// <summary>Forward weightings f_t^i = L_t w^{r,i}_{t−1} for read weightings [B, R, N] (rows: fᵀ = wᵀ L_tᵀ); [B, R, N].</summary>
    public static Tensor Forward(Tensor link, Tensor readWeights) => readWeights.MatMul(link.Transpose(1, 2));

    /// <summary>Backward weightings b_t^i = L_tᵀ w^{r,i}_{t−1}, with the updated L_t (not L_{t−1}, a misprint in Buduma's text); [B, R, N].</summary>
    public static Tensor Backward(Tensor link, Tensor readWeights) => readWeights.MatMul(link);
}
