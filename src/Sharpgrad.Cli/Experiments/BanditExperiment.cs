using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="BanditRegret"/>: cumulative regret and % optimal action against the step, one line per strategy.</summary>
public sealed class BanditExperiment(int runs = BanditRegret.DefaultRuns, int steps = BanditRegret.DefaultSteps) : IExperiment
{
    public const string RegretFile = "bandit_regret.png", OptimalFile = "bandit_optimal.png", CsvFile = "bandit.csv";

    public string Id => "bandit";

    public string Description => $"ε-greedy (ε = 0, 0.01, 0.1) vs UCB (c = 2) on the 10-armed testbed, {runs} runs of {steps} steps (Sutton & Barto Figs. 2.2, 2.4).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var curves = BanditRegret.Run(runs, steps);
        var xs = Enumerable.Range(1, steps).Select(t => (double)t).ToArray();
        var regretPlot = ExperimentFiles.NewPlot("10-armed testbed: cumulative regret", "step", "expected cumulative regret");
        var optimalPlot = ExperimentFiles.NewPlot("10-armed testbed: optimal action", "step", "fraction of runs choosing the best arm");
        for (int i = 0; i < curves.Count; i++)
        {
            ExperimentFiles.AddLine(regretPlot, xs, curves[i].CumulativeRegret, curves[i].Name, ExperimentFiles.Palette.GetColor(i));
            ExperimentFiles.AddLine(optimalPlot, xs, curves[i].OptimalFraction, curves[i].Name, ExperimentFiles.Palette.GetColor(i));
        }
        regretPlot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        optimalPlot.ShowLegend(ScottPlot.Alignment.LowerRight);
        var header = new List<string> { "step" };
        foreach (var c in curves) header.AddRange([Key(c.Name) + "_regret", Key(c.Name) + "_optimal"]);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(regretPlot, outputDirectory, RegretFile),
            ExperimentFiles.SavePng(optimalPlot, outputDirectory, OptimalFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, header,
                Enumerable.Range(0, steps).Select(t => (IReadOnlyList<double>)[t + 1, .. curves.SelectMany(c => new[] { c.CumulativeRegret[t], c.OptimalFraction[t] })])),
        };
        var table = new Table().AddColumns("strategy", "final cumulative regret", "optimal action, last step");
        foreach (var c in curves)
            table.AddRow(c.Name.EscapeMarkup(), ExperimentFiles.Format(c.CumulativeRegret[^1]), ExperimentFiles.Format(c.OptimalFraction[^1]));
        console.Write(table);
        return files;
    }

    /// <summary>A CSV-friendly column stem: "ε-greedy ε=0.1" → "egreedy_0.1", "UCB c=2" → "ucb_2".</summary>
    public static string Key(string name) => name.StartsWith("UCB", StringComparison.Ordinal)
        ? "ucb_" + name[(name.IndexOf('=') + 1)..]
        : "egreedy_" + name[(name.IndexOf('=') + 1)..];
}
