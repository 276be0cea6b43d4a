using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="ReturnCurves"/>: the return against the episode for each variant, the mean over seeds as a line and
/// ± one standard deviation as a band, both smoothed over <see cref="SmoothingWindow"/> episodes; the per-episode means
/// and deviations as CSV; and a table of final returns and solved seeds.
/// </summary>
public sealed class ReturnCurvesExperiment(string id, string description, string title, IReadOnlyList<AgentVariant> variants, int episodes, int seeds)
    : IExperiment
{
    public const int SmoothingWindow = 50;

    /// <summary>REINFORCE's baselines compared (GBC §20.9.1; Buduma ch9).</summary>
    public static ReturnCurvesExperiment CartPoleReinforce(int episodes = 1500, int seeds = 3) => new("cartpole-reinforce",
        $"REINFORCE on CartPole with no baseline, the optimal constant baseline and a learned value baseline, {seeds} seeds × {episodes} episodes (GBC §20.9.1; Buduma ch9).",
        "REINFORCE on CartPole-v1: baselines", ReturnCurves.ReinforceBaselines, episodes, seeds);

    /// <summary>DQN, Double DQN and dueling compared (Buduma ch9; NYU ch22).</summary>
    public static ReturnCurvesExperiment CartPoleDqn(int episodes = 1000, int seeds = 3) => new("cartpole-dqn",
        $"DQN vs Double DQN vs dueling Double DQN on CartPole, {seeds} seeds × {episodes} episodes (Mnih 2015; van Hasselt 2016; Wang 2016).",
        "DQN variants on CartPole-v1", ReturnCurves.DqnVariants, episodes, seeds);

    /// <summary>Buduma's comparison of ε schedules for the policy-gradient agent.</summary>
    public static ReturnCurvesExperiment CartPoleExploration(int episodes = 1500, int seeds = 3) => new("cartpole-exploration",
        $"REINFORCE on CartPole under ε schedules: none, constant, linear (Buduma's), faster linear, exponential; {seeds} seeds × {episodes} episodes (Buduma ch9).",
        "REINFORCE on CartPole-v1: ε schedules", ReturnCurves.ExplorationSchedules, episodes, seeds);

    public string Id => id;
    public string Description => description;

    /// <summary>The figure's and the CSV's file names: the id with underscores.</summary>
    public string PlotFile => id.Replace('-', '_') + ".png";
    public string CsvFile => id.Replace('-', '_') + ".csv";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var runs = ReturnCurves.Run(variants, episodes, seeds);
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
            table.AddRow(run.Variant.Label.EscapeMarkup(), ExperimentFiles.Format(run.Returns.Average(r => r.TakeLast(100).Average())), $"{run.SolvedCount} of {run.Returns.Count}");
        console.Write(table);
        return files;
    }
}
