using Sharpgrad.RL;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One strategy's averages over the runs: cumulative regret and the fraction of optimal pulls at every step.</summary>
public sealed record BanditCurve(string Name, double[] CumulativeRegret, double[] OptimalFraction);

/// <summary>
/// Sutton &amp; Barto's 10-armed testbed (§2.3, Figs. 2.2 and 2.4): each run draws new arm means from N(0, 1) and
/// rewards from N(q*(a), 1); ε-greedy with ε = 0, 0.01 and 0.1 and UCB with c = 2 play the same bandits with the same
/// seeds. Regret is measured in expectation, Σ_t (max_a q*(a) − q*(A_t)), so the curves show the strategies' choices
/// rather than reward noise.
/// </summary>
public static class BanditRegret
{
    public const int Arms = 10, DefaultRuns = 2000, DefaultSteps = 1000;

    public static IReadOnlyList<Func<BanditStrategy>> Strategies { get; } =
    [
        () => BanditStrategy.EpsilonGreedy(0),
        () => BanditStrategy.EpsilonGreedy(0.01),
        () => BanditStrategy.EpsilonGreedy(0.1),
        () => BanditStrategy.Ucb(2),
    ];

    public static IReadOnlyList<BanditCurve> Run(int runs = DefaultRuns, int steps = DefaultSteps, int seed = 0)
    {
        if (runs < 1 || steps < 1) throw new ArgumentException($"BanditRegret.Run: runs and steps must be at least 1, got {runs} and {steps}.");
        return [.. Strategies.Select(make => RunStrategy(make(), runs, steps, seed))];
    }

    private static BanditCurve RunStrategy(BanditStrategy strategy, int runs, int steps, int seed)
    {
        var regret = new double[steps];
        var optimal = new double[steps];
        for (int run = 0; run < runs; run++)
        {
            var bandit = new KArmedBandit(Arms, armSeed: (long)seed * 1_000_003 + run);
            bandit.Reset(seed: run);
            var generator = new Generator(seed * 7919L + run);
            strategy.Reset(Arms);
            double best = bandit.Means[bandit.OptimalArm], total = 0;
            for (int t = 0; t < steps; t++)
            {
                int arm = strategy.Choose(generator);
                strategy.Update(arm, bandit.Step(arm).Reward);
                total += best - bandit.Means[arm];
                regret[t] += total / runs;
                if (arm == bandit.OptimalArm) optimal[t] += 1.0 / runs;
            }
        }
        return new BanditCurve(strategy.Name, regret, optimal);
    }
}
