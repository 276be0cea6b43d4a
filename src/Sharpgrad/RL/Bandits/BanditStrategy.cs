namespace Sharpgrad.RL;

/// <summary>
/// Action-value methods for the k-armed bandit (Sutton &amp; Barto ch. 2): each keeps sample-average estimates
/// Q(a) = (sum of rewards from a)/N(a), updated incrementally Q ← Q + (R − Q)/N, and differs only in how it chooses.
/// </summary>
public abstract class BanditStrategy
{
    private double[] estimates = [];
    private long[] counts = [];

    /// <summary>A name for legends and CSV columns.</summary>
    public abstract string Name { get; }

    /// <summary>Forgets everything; the next choices start from Q = 0, N = 0 for <paramref name="arms"/> arms.</summary>
    public void Reset(int arms)
    {
        if (arms <= 0) throw new ArgumentException($"{Name}: arms must be positive, got {arms}.", nameof(arms));
        estimates = new double[arms];
        counts = new long[arms];
        Steps = 0;
    }

    /// <summary>Choices made since the last reset.</summary>
    public long Steps { get; private set; }

    public IReadOnlyList<double> Estimates => estimates;
    public IReadOnlyList<long> Counts => counts;

    /// <summary>The arm to pull next.</summary>
    public int Choose(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (estimates.Length == 0) throw new InvalidOperationException($"{GetType().Name}.Choose: no arms yet; call Reset(arms) first.");
        return ChooseArm(generator);
    }

    /// <summary>The strategy's choice, once there are arms.</summary>
    protected abstract int ChooseArm(Generator generator);

    /// <summary>Records the reward of <paramref name="arm"/>: N(a) += 1, Q(a) += (R − Q(a))/N(a).</summary>
    public void Update(int arm, double reward)
    {
        if (arm < 0 || arm >= counts.Length)
            throw new ArgumentOutOfRangeException(nameof(arm), $"{GetType().Name}.Update: arm {arm} is not one of the {counts.Length} arms (call Reset(arms) first).");
        counts[arm]++;
        estimates[arm] += (reward - estimates[arm]) / counts[arm];
        Steps++;
    }

    /// <summary>The first arm with the largest estimate (after a random tie-break when <paramref name="generator"/> is given).</summary>
    protected int Greedy(Func<int, double> score, Generator generator)
    {
        double best = double.NegativeInfinity;
        int chosen = 0, ties = 0;
        for (int a = 0; a < estimates.Length; a++)
        {
            double s = score(a);
            if (s > best) (best, chosen, ties) = (s, a, 1);
            else if (s == best && generator.NextInt64(++ties) == 0) chosen = a; // reservoir sampling: uniform among ties
        }
        return chosen;
    }

    /// <summary>ε-greedy (§2.2): a uniformly random arm with probability ε, else the greedy one (ties broken at random).</summary>
    public static BanditStrategy EpsilonGreedy(double epsilon) => epsilon is >= 0 and <= 1
        ? new EpsilonGreedyStrategy(epsilon)
        : throw new ArgumentException($"BanditStrategy.EpsilonGreedy: epsilon must be in [0, 1], got {epsilon}.", nameof(epsilon));

    /// <summary>
    /// Upper confidence bound (§2.7, UCB1 with exploration weight c): A_t = argmax_a Q(a) + c·√(ln t / N(a)), an arm
    /// never pulled counting as maximising.
    /// </summary>
    public static BanditStrategy Ucb(double c) => c >= 0 && double.IsFinite(c)
        ? new UcbStrategy(c)
        : throw new ArgumentException($"BanditStrategy.Ucb: c must be finite and ≥ 0, got {c}.", nameof(c));

    private sealed class EpsilonGreedyStrategy(double epsilon) : BanditStrategy
    {
        public override string Name => $"ε-greedy ε={epsilon}";

        protected override int ChooseArm(Generator generator) => generator.NextDouble() < epsilon
            ? (int)generator.NextInt64(estimates.Length)
            : Greedy(a => estimates[a], generator);
    }

    private sealed class UcbStrategy(double c) : BanditStrategy
    {
        public override string Name => $"UCB c={c}";

        protected override int ChooseArm(Generator generator) =>
            Greedy(a => counts[a] == 0 ? double.PositiveInfinity : estimates[a] + c * Math.Sqrt(Math.Log(Steps + 1) / counts[a]), generator);
    }
}
