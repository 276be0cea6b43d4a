namespace Sharpgrad.RL;

/// <summary>
/// The k-armed Gaussian bandit of Sutton &amp; Barto §2.3: arm a pays a reward drawn from N(q*(a), σ²). The means
/// q*(a) are drawn once from N(0, 1) by a generator seeded with <c>armSeed</c> (or given); rewards come from the
/// environment's own generator, reseeded by <see cref="EpisodicEnvironment{TObservation, TAction}.Reset"/>. There is a single
/// state, observed as 0, and an episode never terminates (a time limit may truncate it).
/// </summary>
public sealed class KArmedBandit : DiscreteActionEnvironment<int>
{
    private readonly double[] means;

    /// <summary>A bandit whose <paramref name="arms"/> means are drawn from N(0, 1) with seed <paramref name="armSeed"/>.</summary>
    public KArmedBandit(int arms, long armSeed = 0, double rewardStdDev = 1.0, int? maxEpisodeSteps = null)
        : this(DrawMeans(arms, armSeed), rewardStdDev, maxEpisodeSteps) { }

    /// <summary>A bandit with the given arm means.</summary>
    public KArmedBandit(double[] means, double rewardStdDev = 1.0, int? maxEpisodeSteps = null) : base(means.Length, maxEpisodeSteps)
    {
        if (!(rewardStdDev >= 0) || !double.IsFinite(rewardStdDev))
            throw new ArgumentException($"KArmedBandit: rewardStdDev must be finite and non-negative, got {rewardStdDev}.", nameof(rewardStdDev));
        this.means = (double[])means.Clone();
        RewardStdDev = rewardStdDev;
    }

    public IReadOnlyList<double> Means => means;
    public double RewardStdDev { get; }

    /// <summary>The arm with the largest mean (the first such), against which regret is measured.</summary>
    public int OptimalArm => Array.IndexOf(means, means.Max());

    public override Space ObservationSpace { get; } = new DiscreteSpace(1);

    protected override int ResetCore() => 0;

    protected override (int Observation, double Reward, bool Terminated) StepCore(int action) =>
        (0, means[action] + RewardStdDev * Generator.NextNormal(), false);

    private static double[] DrawMeans(int arms, long seed)
    {
        if (arms <= 0) throw new ArgumentException($"KArmedBandit: arms must be positive, got {arms}.", nameof(arms));
        var generator = new Generator(seed);
        return [.. Enumerable.Range(0, arms).Select(_ => generator.NextNormal())];
    }
}
