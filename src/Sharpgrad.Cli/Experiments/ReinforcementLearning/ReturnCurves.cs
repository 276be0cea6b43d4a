using Sharpgrad.RL;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One variant of an agent compared on CartPole: a CSV column stem, a legend label, and how to build it for a seed.</summary>
public sealed record AgentVariant(string Key, string Label, Func<int, IAgent> Create);

/// <summary>One variant's runs: the episode returns of each seed.</summary>
public sealed record SeededReturns(AgentVariant Variant, IReadOnlyList<double[]> Returns)
{
    /// <summary>Mean and standard deviation across seeds at each episode (over the episodes every seed reached).</summary>
    public (double[] Mean, double[] Spread) MeanAndSpread()
    {
        int episodes = Returns.Min(r => r.Length);
        var mean = new double[episodes];
        var spread = new double[episodes];
        for (int e = 0; e < episodes; e++)
        {
            mean[e] = Returns.Average(r => r[e]);
            spread[e] = Math.Sqrt(Returns.Average(r => (r[e] - mean[e]) * (r[e] - mean[e])));
        }
        return (mean, spread);
    }

    /// <summary>How many seeds reached a mean return of 475 over 100 consecutive episodes.</summary>
    public int SolvedCount => Returns.Count(r => SolvedCriterion.FirstSolved(r, 100, 475) is not null);
}

/// <summary>
/// Trains every variant for a fixed episode budget on each seed firstSeed, firstSeed + 1, …, not stopping when solved so the curves run to
/// the end, and collects the returns. The variants differ only in what they name; everything else is the CartPole recipe.
/// </summary>
public static class ReturnCurves
{
    public static IReadOnlyList<SeededReturns> Run(IReadOnlyList<AgentVariant> variants, int episodes, int seeds, int firstSeed = 0)
    {
        if (episodes < 1 || seeds < 1) throw new ArgumentException($"ReturnCurves.Run: episodes and seeds must be at least 1, got {episodes} and {seeds}.");
        return [.. variants.Select(variant => new SeededReturns(variant, [.. Enumerable.Range(firstSeed, seeds).Select(seed =>
        {
            var result = RlTrainer.Train(variant.Create(seed), new RlTrainingOptions { Episodes = episodes, StopWhenSolved = false });
            return result.Episodes.Take(episodes).Select(e => e.Return).ToArray();
        })]))];
    }

    /// <summary>
    /// Dueling Double DQN with the schedule shortened tenfold for the quick run: learning after 200 steps, the target
    /// copied every 250, ε annealed over 2000 steps to 0.05. The full recipe's ε is still 0.85 after the quick run's
    /// episodes, so it would show no learning at all.
    /// </summary>
    public static AgentVariant QuickDueling { get; } = new("dueling", "Double DQN, dueling (quick schedule)", seed => new DqnAgent(CartPoleRecipes.Environment,
        CartPoleRecipes.Dqn(seed, doubleDqn: true, dueling: true) with { LearningStarts = 500, TargetUpdateEvery = 1000, Exploration = EpsilonSchedule.Linear(1.0, 0.05, 4000), LearningRate = 1e-3 }));

    /// <summary>REINFORCE without a baseline, with the optimal constant baseline and with a learned value baseline (GBC §20.9.1).</summary>
    public static IReadOnlyList<AgentVariant> ReinforceBaselines { get; } =
    [
        new("none", "no baseline", seed => Reinforce(seed, Baseline.None)),
        new("constant", "optimal constant baseline", seed => Reinforce(seed, Baseline.OptimalConstant)),
        new("learned", "learned value baseline", seed => Reinforce(seed, Baseline.LearnedValue)),
    ];

    /// <summary>DQN, Double DQN (van Hasselt et al. 2016) and Double DQN with a dueling head (Wang et al. 2016).</summary>
    public static IReadOnlyList<AgentVariant> DqnVariants { get; } =
    [
        new("dqn", "DQN", seed => new DqnAgent(CartPoleRecipes.Environment, CartPoleRecipes.Dqn(seed, doubleDqn: false))),
        new("double", "Double DQN", seed => new DqnAgent(CartPoleRecipes.Environment, CartPoleRecipes.Dqn(seed, doubleDqn: true))),
        new("dueling", "Double DQN, dueling", seed => new DqnAgent(CartPoleRecipes.Environment, CartPoleRecipes.Dqn(seed, doubleDqn: true, dueling: true))),
    ];

    /// <summary>
    /// REINFORCE (the recipe, learned baseline) under ε schedules in the manner of Buduma's comparison: none (sampling
    /// from π only), a constant 0.1, his linear annealing from 1.0 to 0.001 over 3000 episodes, a faster one over 500,
    /// and exponential decay from 1.0 towards 0.001 with factor 0.995 per episode.
    /// </summary>
    public static IReadOnlyList<AgentVariant> ExplorationSchedules { get; } =
    [
        new("none", "no ε (sample from π)", seed => Reinforce(seed, Baseline.LearnedValue, EpsilonSchedule.Constant(0))),
        new("constant", "constant ε = 0.1", seed => Reinforce(seed, Baseline.LearnedValue, EpsilonSchedule.Constant(0.1))),
        new("linear3000", "linear 1 → 0.001 over 3000 (Buduma)", seed => Reinforce(seed, Baseline.LearnedValue, EpsilonSchedule.Linear(1, 0.001, 3000))),
        new("linear500", "linear 1 → 0.001 over 500", seed => Reinforce(seed, Baseline.LearnedValue, EpsilonSchedule.Linear(1, 0.001, 500))),
        new("exponential", "exponential 1 → 0.001, ×0.995", seed => Reinforce(seed, Baseline.LearnedValue, EpsilonSchedule.Exponential(1, 0.001, 0.995))),
    ];

    private static IAgent Reinforce(int seed, Baseline baseline, EpsilonSchedule? exploration = null)
    {
        var options = CartPoleRecipes.Reinforce(seed, baseline);
        return new ReinforceAgent(CartPoleRecipes.Environment, exploration is null ? options : options with { Exploration = exploration });
    }
}
