namespace Sharpgrad.Regularization;

/// <summary>
/// The sparse autoencoder's penalty (GBC §14.2.1; Ng's lecture notes): β·Σⱼ KL(ρ ‖ ρ̂ⱼ), where ρ̂ⱼ is unit j's mean
/// activation over the batch and KL(ρ ‖ ρ̂) = ρ·log(ρ/ρ̂) + (1 − ρ)·log((1 − ρ)/(1 − ρ̂)) is the divergence between
/// Bernoulli distributions. It is zero when every unit is active a fraction ρ of the time and grows steeply as ρ̂
/// approaches 0 or 1. The activations must lie in [0, 1] (sigmoid units) and be 2-D [N, units].
/// </summary>
public sealed class KLSparsityPenalty : IActivationPenalty
{
    // ρ̂ is kept this far from 0 and 1 so that a saturated unit gives a large, finite penalty rather than ∞.
    private const double Margin = 1e-6;

    /// <param name="rho">the target mean activation ρ ∈ (0, 1), typically 0.05</param>
    /// <param name="beta">β ≥ 0, the weight of the penalty</param>
    public KLSparsityPenalty(double rho, double beta = 1)
    {
        if (!(rho > 0 && rho < 1))
            throw new ArgumentOutOfRangeException(nameof(rho), $"KLSparsityPenalty: the target activation rho must be in (0, 1), got {rho}.");
        if (!(beta >= 0) || double.IsInfinity(beta))
            throw new ArgumentOutOfRangeException(nameof(beta), $"KLSparsityPenalty: beta must be finite and ≥ 0, got {beta}.");
        Rho = rho;
        Beta = beta;
    }

    public double Rho { get; }

    public double Beta { get; }

    public Tensor Compute(Tensor activations)
    {
        if (activations.Rank != 2)
            throw new ArgumentException($"KLSparsityPenalty: expected activations [N, units], got shape {activations.ShapeText}.");
        var rhoHat = activations.Mean(0);
        double low, high;
        using (Autograd.NoGrad())
        {
            low = rhoHat.Min().Item();
            high = rhoHat.Max().Item();
        }
        if (low < 0 || high > 1)
            throw new ArgumentException(
                $"KLSparsityPenalty: mean activations must lie in [0, 1] (sigmoid units), got the range [{low}, {high}]; put the penalty after a Sigmoid.");
        rhoHat = rhoHat.Clamp(Margin, 1 - Margin);
        var kl = Rho * (Rho / rhoHat).Log() + (1 - Rho) * ((1 - Rho) / (1 - rhoHat)).Log();
        return kl.Sum() * Beta;
    }

    public override string ToString() => $"KLSparsityPenalty(rho={Rho}, beta={Beta})";
}
