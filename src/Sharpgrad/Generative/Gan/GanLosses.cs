namespace Sharpgrad.Generative;

/// <summary>
/// The adversarial losses of GBC §20.10.4 (Goodfellow et al. 2014) written on the discriminator's logits
/// l = logit D(x), so that log D = −ζ(−l) and log(1 − D) = −ζ(l) never take log 0 (GBC eq. 3.31). Each is a batch mean.
/// </summary>
public static class GanLosses
{
    /// <summary>The discriminator's loss −E[log D(x)] − E[log(1 − D(G(z)))], minimised by D* = p_data/(p_data + p_g).</summary>
    public static Tensor Discriminator(Tensor realLogits, Tensor fakeLogits)
        => (-realLogits).Softplus().Mean() + fakeLogits.Softplus().Mean();

    /// <summary>
    /// The generator's loss in the minimax game: E[log(1 − D(G(z)))] (GBC eq. 20.80). Its gradient vanishes when D rejects
    /// the samples confidently, which is where training starts.
    /// </summary>
    public static Tensor GeneratorMinimax(Tensor fakeLogits) => -fakeLogits.Softplus().Mean();

    /// <summary>The non-saturating heuristic −E[log D(G(z))] (GBC §20.10.4): the same fixed point, strong gradients early on.</summary>
    public static Tensor GeneratorNonSaturating(Tensor fakeLogits) => (-fakeLogits).Softplus().Mean();

    /// <summary>The generator loss of <paramref name="kind"/>.</summary>
    public static Tensor Generator(GanLoss kind, Tensor fakeLogits) => kind switch
    {
        GanLoss.Minimax => GeneratorMinimax(fakeLogits),
        GanLoss.NonSaturating => GeneratorNonSaturating(fakeLogits),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), $"GanLosses: unknown generator loss {kind}."),
    };

    /// <summary>
    /// EBGAN's discriminator loss (Zhao et al. 2017) on energies D(·) ≥ 0, e.g. an autoencoder's reconstruction error:
    /// L_D = E[D(x)] + E[[m − D(G(z))]₊], low energy on data and at least m on samples.
    /// </summary>
    public static Tensor EbganDiscriminator(Tensor realEnergy, Tensor fakeEnergy, double margin)
    {
        if (!(margin > 0) || double.IsInfinity(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), $"GanLosses.EbganDiscriminator: the margin m must be finite and > 0, got {margin}.");
        return realEnergy.Mean() + (margin - fakeEnergy).Relu().Mean();
    }

    /// <summary>EBGAN's generator loss L_G = E[D(G(z))]: samples should have low energy.</summary>
    public static Tensor EbganGenerator(Tensor fakeEnergy) => fakeEnergy.Mean();
}
