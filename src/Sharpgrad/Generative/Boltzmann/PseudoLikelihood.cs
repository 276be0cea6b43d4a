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
        // F(v) − F(v⁽ⁱ⁾) = log p̃(v⁽ⁱ⁾) − log p̃(v).
        var difference = SingleBitFlips.LogRatios(v => -rbm.FreeEnergy(v), visible, rbm.VisibleSize, $"PseudoLikelihood ({rbm.Name})");
        return -difference.Softplus().Sum(1);
    }
}
