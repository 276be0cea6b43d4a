namespace Sharpgrad.Generative;

/// <summary>
/// A base model for AIS (GBC §18.7.1) of independent units whose marginals are the RBM's own, estimated from model samples:
/// visible biases b_A,i = logit(mean vᵢ) and hidden biases c_A,j = logit(mean p(hⱼ = 1 | v)) (the hidden means averaged
/// over the conditional, not over one draw: Rao–Blackwellised). Among factorial distributions q, the product of p's
/// marginals minimises KL(p ‖ q) (Bishop 2006 §10.1.2, eq. 10.17), and importance weights have low variance only when
/// the proposal is close to the target (GBC §18.7), so the path from this base is shorter than from the data's base rates.
/// Forward AIS stays a stochastic lower bound for any base fixed before the runs, so samples from an approximate sampler
/// would do there, at the price of a base that may sit in the wrong mode; reverse AIS needs start states independent of
/// the base's.
/// </summary>
public sealed record MarginalMatchedBase(Tensor Visible, Tensor Hidden)
{
    /// <summary>
    /// The base of <paramref name="rbm"/> from <paramref name="modelSamples"/> [N, visible], each mean kept in
    /// [1/(2N), 1 − 1/(2N)]: half a count, so a unit never (or always) on in N samples gets a finite logit. The clamp
    /// only moves the base, which biases neither forward nor reverse AIS in expectation while the base has full support
    /// (E[w] = Z/Z_A; Neal 2001).
    /// </summary>
    public static MarginalMatchedBase FromSamples(BernoulliRbm rbm, Tensor modelSamples)
    {
        ArgumentNullException.ThrowIfNull(rbm);
        ArgumentNullException.ThrowIfNull(modelSamples);
        rbm.RequirePlain("MarginalMatchedBase.FromSamples");
        if (modelSamples.Rank != 2 || modelSamples.Size(1) != rbm.VisibleSize || modelSamples.Size(0) < 1)
            throw new ArgumentException($"MarginalMatchedBase.FromSamples: expected model samples [N ≥ 1, {rbm.VisibleSize}], got {modelSamples.ShapeText}.");
        using var _ = Autograd.NoGrad();
        var samples = modelSamples.Detach();
        double margin = HalfCountMargin(samples.Size(0));
        return new MarginalMatchedBase(AnnealedImportanceSampling.BaseRateBiases(samples, margin),
            AnnealedImportanceSampling.BaseRateBiases(rbm.HiddenProbabilities(samples), margin));
    }

    /// <summary>Half a count out of <paramref name="sampleCount"/>, 1/(2N): the margin that keeps a sample mean's logit finite.</summary>
    public static double HalfCountMargin(long sampleCount) => 0.5 / sampleCount;
}
