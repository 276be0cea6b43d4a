using Sharpgrad.RL;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One baseline's runs: the episode returns of each seed.</summary>
public sealed record BaselineRuns(Baseline Baseline, IReadOnlyList<double[]> Returns)
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
}

/// <summary>
/// REINFORCE on CartPole without a baseline, with the optimal constant baseline and with a learned value baseline
/// (GBC §20.9.1), all else equal (the CartPole recipe), for several seeds and a fixed episode budget, not stopping
/// when solved so the curves run to the end.
/// </summary>
public static class CartPoleReinforce
{
    public const int DefaultEpisodes = 1500, DefaultSeeds = 3;

    public static IReadOnlyList<Baseline> Baselines { get; } = [Baseline.None, Baseline.OptimalConstant, Baseline.LearnedValue];

    public static IReadOnlyList<BaselineRuns> Run(int episodes = DefaultEpisodes, int seeds = DefaultSeeds)
    {
        if (episodes < 1 || seeds < 1) throw new ArgumentException($"CartPoleReinforce.Run: episodes and seeds must be at least 1, got {episodes} and {seeds}.");
        return [.. Baselines.Select(baseline => new BaselineRuns(baseline, [.. Enumerable.Range(0, seeds).Select(seed =>
        {
            var agent = new ReinforceAgent(CartPoleRecipes.Environment, CartPoleRecipes.Reinforce(seed, baseline));
            var result = RlTrainer.Train(agent, new RlTrainingOptions { Episodes = episodes, StopWhenSolved = false });
            return result.Episodes.Take(episodes).Select(e => e.Return).ToArray();
        })]))];
    }
}
