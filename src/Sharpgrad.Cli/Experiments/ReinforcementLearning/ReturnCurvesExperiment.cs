using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="ReturnCurves"/>: the return against the episode for each variant, the mean over seeds as a line and
/// ± one standard deviation as a band, both smoothed over <see cref="SmoothingWindow"/> episodes; the per-episode means
/// and deviations as CSV; and a table of final returns and solved seeds.
/// </summary>
/// <remarks>
/// The claims compare the variants' mean return over the last 100 episodes of the full budget (3 seeds). The quick run
/// is far too short for those comparisons. It trains one variant (for DQN, with a shortened schedule, see
/// <see cref="ReturnCurves.QuickDueling"/>) for <c>quickEpisodes</c> episodes on one seed and checks the weaker statement that learning has started: the mean return
/// of the last quarter of the episodes exceeds the first quarter's by more than two standard errors.
/// </remarks>
public sealed class ReturnCurvesExperiment(ExperimentInfo info, string title, IReadOnlyList<AgentVariant> variants, int episodes, int seeds,
    Func<IReadOnlyList<SeededReturns>, ClaimCheck> check, AgentVariant quickVariant, int quickEpisodes) : IExperiment
{
    public const int SmoothingWindow = 50;

    /// <summary>REINFORCE's baselines compared (GBC §20.9.1; Buduma ch9).</summary>
    public static ReturnCurvesExperiment CartPoleReinforce(int episodes = 1500, int seeds = 3) => new(
        new("cartpole-reinforce", "REINFORCE on CartPole: baselines", Areas.ReinforcementLearning, ["GBC §20.9.1", "Buduma ch9", "Williams 1992"],
            "A baseline helps REINFORCE: with the optimal constant baseline or a learned value baseline the final return is higher than with none.",
            ["policy gradient", "variance reduction", "cartpole"], TimeSpan.FromMinutes(20)),
        "REINFORCE on CartPole-v1: baselines", ReturnCurves.ReinforceBaselines, episodes, seeds,
        runs => Beats(runs, ["constant", "learned"], "none"), ReturnCurves.ReinforceBaselines.Single(v => v.Key == "learned"), quickEpisodes: 400);

    /// <summary>DQN, Double DQN and dueling compared (Buduma ch9; NYU ch22).</summary>
    public static ReturnCurvesExperiment CartPoleDqn(int episodes = 1000, int seeds = 3) => new(
        new("cartpole-dqn", "DQN, Double DQN and dueling on CartPole", Areas.ReinforcementLearning, ["Buduma ch9", "NYU ch22", "Mnih et al. 2015", "Wang et al. 2016"],
            "Every DQN variant learns to balance far longer than a random policy (about 22 steps), and the dueling architecture ends highest.",
            ["q-learning", "dqn", "cartpole"], TimeSpan.FromMinutes(40)),
        "DQN variants on CartPole-v1", ReturnCurves.DqnVariants, episodes, seeds,
        runs => Beats(runs, ["dueling"], "dqn", "double"), ReturnCurves.QuickDueling, quickEpisodes: 250);

    /// <summary>Buduma's comparison of ε schedules for the policy-gradient agent.</summary>
    public static ReturnCurvesExperiment CartPoleExploration(int episodes = 1500, int seeds = 3) => new(
        new("cartpole-exploration", "REINFORCE on CartPole: ε schedules", Areas.ReinforcementLearning, ["Buduma ch9"],
            "With this step size, sampling from the policy explores enough: Buduma's slow linear schedule (ε still 0.5 at episode 1500) ends lowest of the five.",
            ["exploration", "policy gradient", "cartpole"], TimeSpan.FromMinutes(30)),
        "REINFORCE on CartPole-v1: ε schedules", ReturnCurves.ExplorationSchedules, episodes, seeds,
        runs => Beats(runs, ["none", "constant", "linear500", "exponential"], "linear3000"), ReturnCurves.ExplorationSchedules.Single(v => v.Key == "exponential"), quickEpisodes: 400);

    public ExperimentInfo Info { get; } = info;

    /// <summary>The figure's and the CSV's file names: the id with underscores.</summary>
    public string PlotFile => Info.Id.Replace('-', '_') + ".png";
    public string CsvFile => Info.Id.Replace('-', '_') + ".csv";

    /// <summary>The mean over seeds of each seed's mean return over its last 100 episodes.</summary>
    internal static double FinalReturn(SeededReturns run) => run.Returns.Average(r => r.TakeLast(100).Average());

    /// <summary>Every variant in <paramref name="better"/> ends above every variant in <paramref name="worse"/>.</summary>
    internal static ClaimCheck Beats(IReadOnlyList<SeededReturns> runs, IReadOnlyList<string> better, params string[] worse)
    {
        double Final(string key) => FinalReturn(runs.Single(r => r.Variant.Key == key));
        bool holds = better.All(b => worse.All(w => Final(b) > Final(w)));
        return ClaimCheck.That(holds, "mean return over the last 100 episodes: " + string.Join(", ", runs.Select(r => $"{r.Variant.Label} {ExperimentFiles.Format(FinalReturn(r))}")) + ".");
    }

    /// <summary>The quick run's check: the last quarter's mean return exceeds the first quarter's by more than two standard errors.</summary>
    internal static ClaimCheck LearningStarted(SeededReturns run)
    {
        var returns = run.Returns[0];
        int quarter = returns.Length / 4;
        var (first, last) = (returns[..quarter], returns[^quarter..]);
        double Variance(double[] xs) => xs.Sum(x => (x - xs.Average()) * (x - xs.Average())) / (xs.Length - 1);
        double standardError = Math.Sqrt((Variance(first) + Variance(last)) / quarter);
        double rise = last.Average() - first.Average();
        return ClaimCheck.That(rise > 2 * standardError, $"quick run ({run.Variant.Label} only; the comparison needs the full budget): the mean return rose from " +
            $"{ExperimentFiles.Format(first.Average())} in the first {quarter} episodes to {ExperimentFiles.Format(last.Average())} in the last {quarter} " +
            $"(standard error of the difference {ExperimentFiles.Format(standardError)}).");
    }

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var runs = context.Quick
            ? ReturnCurves.Run([quickVariant], quickEpisodes, 1, context.Seed)
            : ReturnCurves.Run(variants, episodes, seeds, context.Seed);
        var plot = ExperimentFiles.NewPlot(title, "episode", $"return ({SmoothingWindow}-episode mean; band ±1 s.d. over seeds)");
        var header = new List<string> { "episode" };
        var columns = new List<double[]>();
        for (int i = 0; i < runs.Count; i++)
        {
            var (mean, spread) = runs[i].MeanAndSpread();
            var smoothMean = ExperimentFiles.TrailingMean(mean, SmoothingWindow);
            var smoothSpread = ExperimentFiles.TrailingMean(spread, SmoothingWindow);
            var xs = Enumerable.Range(1, mean.Length).Select(e => (double)e).ToArray();
            var color = ExperimentFiles.Palette.GetColor(i);
            var band = plot.Add.FillY(xs, [.. smoothMean.Zip(smoothSpread, (m, s) => m - s)], [.. smoothMean.Zip(smoothSpread, (m, s) => m + s)]);
            band.FillStyle.Color = color.WithAlpha(0.2);
            band.LineStyle.Width = 0;
            ExperimentFiles.AddLine(plot, xs, smoothMean, runs[i].Variant.Label, color);
            header.AddRange([runs[i].Variant.Key + "_mean", runs[i].Variant.Key + "_sd"]);
            columns.AddRange([mean, spread]);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        int rows = columns.Min(c => c.Length);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, header, Enumerable.Range(0, rows).Select(e => (IReadOnlyList<double>)[e + 1, .. columns.Select(c => c[e])])),
        };
        var table = new Table().AddColumns("variant", "mean return, last 100 episodes (over seeds)", "solved (≥ 475 over 100)");
        foreach (var run in runs)
            table.AddRow(run.Variant.Label.EscapeMarkup(), ExperimentFiles.Format(FinalReturn(run)), $"{run.SolvedCount} of {run.Returns.Count}");
        console.Write(table);
        return new ExperimentOutcome(files, [.. runs.Select(r => new KeyNumber($"final return, {r.Variant.Label}", FinalReturn(r)))],
            context.Quick ? LearningStarted(runs[0]) : check(runs));
    }
}
