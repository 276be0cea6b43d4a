namespace Sharpgrad.Generative;

/// <summary>
/// Pseudo-likelihood (GBC §18.3; Besag 1975): Σᵢ log p(vᵢ | v₋ᵢ), which needs no partition function because each
/// conditional's normaliser sums over the two values of one variable only. For a binary RBM the two states differ only
/// in bit i, so p(vᵢ | v₋ᵢ) = e^{−F(v)}/(e^{−F(v)} + e^{−F(v⁽ⁱ⁾)}) with v⁽ⁱ⁾ = v with bit i flipped, and
/// log p(vᵢ | v₋ᵢ) = −ζ(F(v) − F(v⁽ⁱ⁾)): D + 1 free energies per example instead of Z's 2^min(D, H) terms. Maximising
/// it is an asymptotically consistent estimator (GBC §18.3); it is differentiable, so any optimiser can maximise it.
/// </summary>
public static class PseudoLikelihood
{
    /// <summary>log PL(v) per example [N], in nats, for binary visible states [N, visible].</summary>
    public static Tensor LogPseudoLikelihood(BernoulliRbm rbm, Tensor visible)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        if (visible.Rank != 2 || visible.Size(1) != rbm.VisibleSize)
            throw new ArgumentException($"PseudoLikelihood: expected binary visible states [N, {rbm.VisibleSize}] for {rbm.Name}, got {visible.ShapeText}.");
        int n = visible.Size(0), d = visible.Size(1);
        // Row (k, i) of the flipped copies is v_k with bit i flipped: v + (1 − 2v)·eᵢ.
        var v = visible.Unsqueeze(1);
        var flipped = (v + (1 - v * 2) * Tensor.Eye(d, dtype: visible.DType).Unsqueeze(0)).Reshape(n * d, d);
        var difference = rbm.FreeEnergy(visible).Unsqueeze(1) - rbm.FreeEnergy(flipped).Reshape(n, d);
        return -difference.Softplus().Sum(1);
    }
}
