namespace Sharpgrad.RL;

/// <summary>
/// A2C's settings (Mnih et al. 2016, synchronous form; defaults close to Stable-Baselines3's for CartPole except the
/// optimiser, Adam here): 8 copies, 5-step rollouts, γ = 0.99, entropy bonus 0.01, value-loss weight 0.5,
/// gradient norm clipped to 0.5, separate 64-64 actor and critic.
/// </summary>
public sealed record A2COptions
{
    public int Environments { get; init; } = 8;
    public int Steps { get; init; } = 5;
    public double Gamma { get; init; } = 0.99;
    public double LearningRate { get; init; } = 7e-4;
    public double EntropyCoefficient { get; init; } = 0.01;
    public double ValueCoefficient { get; init; } = 0.5;
    public double? MaxGradNorm { get; init; } = 0.5;
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];
    public long Seed { get; init; }

    internal void Validate()
    {
        Returns.CheckGamma(Gamma, "A2COptions");
        if (Environments <= 0) throw new ArgumentException($"A2COptions: Environments must be positive, got {Environments}.");
        if (Steps <= 0) throw new ArgumentException($"A2COptions: Steps must be positive, got {Steps}.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"A2COptions: LearningRate must be a positive number, got {LearningRate}.");
        if (!(EntropyCoefficient >= 0) || !(ValueCoefficient >= 0) || !double.IsFinite(EntropyCoefficient) || !double.IsFinite(ValueCoefficient))
            throw new ArgumentException($"A2COptions: EntropyCoefficient and ValueCoefficient must be ≥ 0, got {EntropyCoefficient} and {ValueCoefficient}.");
        if (MaxGradNorm is { } clip && !(clip > 0))
            throw new ArgumentException($"A2COptions: MaxGradNorm must be positive, got {clip}.");
        if (Hidden.Count == 0 || Hidden.Any(h => h <= 0))
            throw new ArgumentException($"A2COptions: Hidden needs at least one layer, all sizes positive, got [{string.Join(", ", Hidden)}].");
    }
}
