namespace Sharpgrad.Backends;

// Content addressing (NTM and DNC) and the DNC's temporal link update as primitives (issue #14; Graves et al. 2016, Methods "Temporal memory linkage"):
// NN/Memory/FusedContentAddressing.cs and FusedLinkUpdate.cs record each as one autograd node, where the composites of
// tensor ops made a dozen and seven passes (and as many temporaries) per time step. Every tensor is contiguous, float32
// or float64; memory [B, N, W], keys [B, H, W], strengths and key norms [B, H], row norms [B, N], weightings and
// similarities [B, H, N]; link and previousLink [B, N, N], write and precedence [B, N]. The written tensors are fresh
// and overwritten entirely.
internal abstract partial class Backend
{
    /// <summary>
    /// Content weightings c[b, h, n] = softmax_n(β_h K(k_h, M_n)), K(u, v) = u·v / (|u| |v|), |u| = √(u·u + ε)
    /// (Graves et al. 2014 §3.3.1). Also writes what the backward needs: similarity K [B, H, N], rowNorms |M_n| [B, N]
    /// and keyNorms |k_h| [B, H].
    /// </summary>
    public abstract void ContentWeights(Tensor weights, Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys,
        Tensor strengths, double epsilon);

    /// <summary>
    /// From g = gradWeights: ∂z = c ∘ (g − Σ_n c g) (softmax), ∂β_h = Σ_n ∂z K, ∂K = β ∂z, and with A[h, n] = ∂K / (|k_h| |M_n|):
    /// gradKeys_h = Σ_n A[h, n] M_n − (Σ_n ∂K K) k_h / |k_h|², gradMemory_n = Σ_h A[h, n] k_h − (Σ_h ∂K K) M_n / |M_n|²
    /// (∂|u|/∂u = u / |u| holds with the ε inside the root).
    /// </summary>
    public abstract void ContentWeightsBackward(Tensor gradMemory, Tensor gradKeys, Tensor gradStrengths, Tensor gradWeights, Tensor weights,
        Tensor similarity, Tensor rowNorms, Tensor keyNorms, Tensor memory, Tensor keys, Tensor strengths);

    /// <summary>
    /// link[b, i, j] = (1 − (w_i + w_j)) L_{t−1}[b, i, j] + w_i p_j for i ≠ j and 0 on the diagonal, with w = write[b]
    /// and p = precedence[b] (p_{t−1}); the composite's operation order, so the values are bitwise the composite's.
    /// </summary>
    public abstract void DncLink(Tensor link, Tensor previousLink, Tensor write, Tensor precedence);

    /// <summary>
    /// From g = gradLink with its diagonal taken as 0 (the diagonal is the constant 0): gradPreviousLink[i, j] =
    /// g[i, j](1 − (w_i + w_j)); gradWrite[k] = Σ_j g[k, j](p_j − L_{t−1}[k, j]) − Σ_i g[i, k] L_{t−1}[i, k];
    /// gradPrecedence[j] = Σ_i g[i, j] w_i.
    /// </summary>
    public abstract void DncLinkBackward(Tensor gradPreviousLink, Tensor gradWrite, Tensor gradPrecedence, Tensor gradLink,
        Tensor previousLink, Tensor write, Tensor precedence);
}
