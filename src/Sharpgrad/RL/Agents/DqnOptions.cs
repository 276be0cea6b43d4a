namespace Sharpgrad.RL;

/// <summary>
/// DQN's settings. The defaults are Buduma ch9's DQN adapted from Breakout to CartPole's state vector: Adam 1e-3,
/// γ = 0.98, batch 32, learning after 100 steps, an update every 4 steps, a target copy every 16 steps, a FIFO replay
/// of 5000, ε annealed linearly from 1.0 to 0.01; the Q-network is 4 → 64 → 64 → 2.
/// </summary>
public sealed record DqnOptions
{
    public double Gamma { get; init; } = 0.98;
    public double LearningRate { get; init; } = 1e-3;
    public IReadOnlyList<int> Hidden { get; init; } = [64, 64];
    public int BatchSize { get; init; } = 32;
    public int ReplayCapacity { get; init; } = 5000;

    /// <summary>Environment steps before the first update (the buffer fills with the initial, mostly random, policy).</summary>
    public int LearningStarts { get; init; } = 100;

    /// <summary>One gradient step every this many environment steps.</summary>
    public int TrainEvery { get; init; } = 4;

    /// <summary>Copy the online network into the target network every this many environment steps (ignored with <see cref="PolyakTau"/>).</summary>
    public int TargetUpdateEvery { get; init; } = 16;

    /// <summary>
    /// When set, update the target softly after every gradient step instead of copying it, θ⁻ ← τ·θ + (1 − τ)·θ⁻
    /// (Polyak averaging, as in DDPG).
    /// </summary>
    public double? PolyakTau { get; init; }

    /// <summary>ε as a function of the number of environment steps.</summary>
    public EpsilonSchedule Exploration { get; init; } = EpsilonSchedule.Linear(1.0, 0.01, 10_000);

    public TdLoss Loss { get; init; } = TdLoss.Huber;

    /// <summary>Double DQN's target (van Hasselt et al. 2016).</summary>
    public bool Double { get; init; }

    /// <summary>A dueling head (Wang et al. 2016) instead of a plain linear output layer.</summary>
    public bool Dueling { get; init; }

    /// <summary>Clip the gradient's total norm to this before each step; null for none.</summary>
    public double? MaxGradNorm { get; init; } = 10;

    public long Seed { get; init; }

    internal void Validate()
    {
        Returns.CheckGamma(Gamma, "DqnOptions");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentException($"DqnOptions: LearningRate must be a positive number, got {LearningRate}.");
        foreach (var (name, value) in new[] { ("BatchSize", BatchSize), ("ReplayCapacity", ReplayCapacity), ("TrainEvery", TrainEvery), ("TargetUpdateEvery", TargetUpdateEvery) })
            if (value <= 0) throw new ArgumentException($"DqnOptions: {name} must be positive, got {value}.");
        if (LearningStarts < 0) throw new ArgumentException($"DqnOptions: LearningStarts must not be negative, got {LearningStarts}.");
        if (PolyakTau is { } tau && !(tau > 0 && tau <= 1))
            throw new ArgumentException($"DqnOptions: PolyakTau must be in (0, 1], got {tau}.");
        if (MaxGradNorm is { } clip && !(clip > 0))
            throw new ArgumentException($"DqnOptions: MaxGradNorm must be positive, got {clip}.");
        if (Hidden.Count == 0 || Hidden.Any(h => h <= 0))
            throw new ArgumentException($"DqnOptions: Hidden needs at least one layer, all sizes positive, got [{string.Join(", ", Hidden)}].");
    }
}
