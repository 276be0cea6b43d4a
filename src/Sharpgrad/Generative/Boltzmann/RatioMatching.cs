namespace Sharpgrad.Generative;

/// <summary>
/// Ratio matching (GBC §18.4.1, eq. 18.26; Hyvärinen 2007), score matching's counterpart for binary data: minimise
/// L(x) = Σⱼ (1/(1 + p̃(x)/p̃(f(x, j))))² averaged over the data, f(x, j) being x with bit j flipped. The ratios cancel
/// Z. 1/(1 + p̃(x)/p̃(f)) = σ(log p̃(f) − log p̃(x)) = 1 − p(xⱼ | x₋ⱼ), so L pushes every conditional of the observed
/// bits toward 1, like pseudo-likelihood but through a bounded squared loss.
/// </summary>
public static class RatioMatching
{
    /// <summary>The mean ratio-matching loss of a binary RBM over binary visible states [N, visible].</summary>
    public static Tensor Loss(BernoulliRbm rbm, Tensor visible)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        return Loss(v => -rbm.FreeEnergy(v), visible, rbm.VisibleSize);
    }

    /// <summary>The mean ratio-matching loss of any model of d binary variables, given its log p̃ ([M, d] → [M]).</summary>
    public static Tensor Loss(Func<Tensor, Tensor> logDensity, Tensor states, int size)
    {
        ArgumentNullException.ThrowIfNull(logDensity);
        return SingleBitFlips.LogRatios(logDensity, states, size, "RatioMatching").Sigmoid().Square().Sum(1).Mean();
    }
}
