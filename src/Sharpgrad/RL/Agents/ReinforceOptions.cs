namespace Sharpgrad.RL;

/// <summary>
/// REINFORCE's settings. The defaults are Buduma ch9's CartPole agent: a 4 → 16 → 16 → 2 policy, Adam 1e-3,
/// γ = 0.98, an update every 8 episodes, ε annealed linearly from 1.0 to 0.001 over 3000 episodes.
/// </summary>
public sealed record ReinforceOptions
{
    public double Gamma { get; init; } = 0.98;
    public double LearningRate { get; init; } = 1e-3;
    public IReadOnlyList<int> Hidden { get; init; } = [16, 16];
    public int EpisodesPerUpdate { get; init; } = 8;
    public Baseline Baseline { get; init; } = Baseline.None;

    /// <summary>ε as a function of the number of finished episodes.</summary>
    public EpsilonSchedule Exploration { get; init; } = EpsilonSchedule.Linear(1.0, 0.001, 3000);

    /// <summary>
    /// Divide the advantages of each update batch by their standard deviation, without centring them (centring
    /// would be a baseline of its own). Not in Buduma; it keeps the step size independent of the return's scale.
    /// </summary>
    public bool NormalizeAdvantages { get; init; }

    public long Seed { get; init; }

    internal void Validate()
    {
        Returns.CheckGamma(Gamma, "ReinforceOptions");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"ReinforceOptions: LearningRate must be a positive number, got {LearningRate}.");
        if (EpisodesPerUpdate <= 0)
            throw new ArgumentException($"ReinforceOptions: EpisodesPerUpdate must be positive, got {EpisodesPerUpdate}.");
        if (Hidden.Count == 0 || Hidden.Any(h => h <= 0))
            throw new ArgumentException($"ReinforceOptions: Hidden needs at least one layer, all sizes positive, got [{string.Join(", ", Hidden)}].");
        if (!Enum.IsDefined(Baseline))
            throw new ArgumentException($"ReinforceOptions: unknown Baseline {(int)Baseline}.");
    }
}
