using ScottPlot;
using Sharpgrad.RL;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="CartPoleReinforce"/>: the return against the episode for each baseline, the mean over seeds as a
/// line and ± one standard deviation as a band, both smoothed over <see cref="SmoothingWindow"/> episodes.
/// </summary>
public sealed class CartPoleReinforceExperiment(int episodes = CartPoleReinforce.DefaultEpisodes, int seeds = CartPoleReinforce.DefaultSeeds) : IExperiment
{
    public const string PlotFile = "cartpole_reinforce.png", CsvFile = "cartpole_reinforce.csv";
    public const int SmoothingWindow = 50;

    public string Id => "cartpole-reinforce";

    public string Description => $"REINFORCE on CartPole with no baseline, the optimal constant baseline and a learned value baseline, {seeds} seeds × {episodes} episodes (GBC §20.9.1; Buduma ch9).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var runs = CartPoleReinforce.Run(episodes, seeds);
        var plot = ExperimentFiles.NewPlot("REINFORCE on CartPole-v1: baselines", "episode", $"return ({SmoothingWindow}-episode mean; band ±1 s.d. over seeds)");
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
            ExperimentFiles.AddLine(plot, xs, smoothMean, Label(runs[i].Baseline), color);
            header.AddRange([Key(runs[i].Baseline) + "_mean", Key(runs[i].Baseline) + "_sd"]);
            columns.AddRange([mean, spread]);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        int rows = columns.Min(c => c.Length);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, header, Enumerable.Range(0, rows).Select(e => (IReadOnlyList<double>)[e + 1, .. columns.Select(c => c[e])])),
        };
        var table = new Table().AddColumns("baseline", "mean return, last 100 episodes (over seeds)", "solved (≥ 475 over 100)");
        foreach (var run in runs)
            table.AddRow(Label(run.Baseline), ExperimentFiles.Format(run.Returns.Average(r => r.TakeLast(100).Average())),
                $"{run.Returns.Count(r => SolvedCriterion.FirstSolved(r, 100, 475) is not null)} of {run.Returns.Count}");
        console.Write(table);
        return files;
    }

    public static string Key(Baseline baseline) => baseline switch
    {
        Baseline.None => "none",
        Baseline.OptimalConstant => "constant",
        _ => "learned",
    };

    private static string Label(Baseline baseline) => baseline switch
    {
        Baseline.None => "no baseline",
        Baseline.OptimalConstant => "optimal constant baseline",
        _ => "learned value baseline",
    };
}
