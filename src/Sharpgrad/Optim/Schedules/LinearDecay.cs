namespace Sharpgrad.Optim;

/// <summary>
/// The book's linear learning-rate decay (GBC §8.3.1, eq. 8.14): εₖ = (1 − α)ε₀ + αε_τ with α = k/τ, for k ≤ τ,
/// and ε_τ afterwards. GBC suggests τ of a few hundred passes through the training set and ε_τ about 1% of ε₀.
/// It is a <see cref="LinearLR"/> from factor 1 to ε_τ/ε₀: ε₀(1 + (ε_τ/ε₀ − 1)α) = (1 − α)ε₀ + αε_τ.
/// </summary>
public sealed class LinearDecay : LinearLR
{
    /// <param name="tau">τ, the epoch at which the decay ends (≥ 1).</param>
    /// <param name="finalFactor">ε_τ/ε₀, in [0, 1] (GBC: roughly 0.01).</param>
    public LinearDecay(Optimizer optimizer, int tau, double finalFactor = 0.01)
        : base("LinearDecay", optimizer, startFactor: 1, finalFactor, tau)
    {
    }
}
