using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="BanditRegret"/>: cumulative regret and % optimal action against the step, one line per strategy.</summary>
public sealed class BanditExperiment : IExperiment
{
    public const string RegretFile = "bandit_regret.png", OptimalFile = "bandit_optimal.png", CsvFile = "bandit.csv";

    public ExperimentInfo Info { get; } = new("bandit", "Exploration on the 10-armed testbed", Areas.ReinforcementLearning,
        ["Sutton & Barto Fig. 2.2", "Sutton & Barto Fig. 2.4", "NYU ch22"],
        "Some exploration pays: ε-greedy with ε = 0.1 ends with less regret than the greedy strategy, and UCB with c = 2 with less than ε = 0.1.",
        ["bandits", "exploration"], TimeSpan.FromSeconds(20));

    /// <summary>Runs of the quick mode (the full run averages 2000, as the book).</summary>
    public const int QuickRuns = 200;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        int steps = BanditRegret.DefaultSteps;
        var curves = BanditRegret.Run(context.Quick ? QuickRuns : BanditRegret.DefaultRuns, steps, context.Seed);
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
        return new ExperimentOutcome(files,
            [.. curves.Select(c => new KeyNumber($"final regret, {c.Name}", c.CumulativeRegret[^1])), .. curves.Select(c => new KeyNumber($"optimal action, {c.Name}", c.OptimalFraction[^1]))],
            Check(curves));
    }

    /// <summary>Final regret: ε = 0.1 below greedy, UCB below ε = 0.1.</summary>
    internal static ClaimCheck Check(IReadOnlyList<BanditCurve> curves)
    {
        double Final(string name) => curves.Single(c => c.Name == name).CumulativeRegret[^1];
        double greedy = Final("ε-greedy ε=0"), epsilon = Final("ε-greedy ε=0.1"), ucb = Final("UCB c=2");
        return ClaimCheck.That(epsilon < greedy && ucb < epsilon,
            $"final expected regret: greedy {ExperimentFiles.Format(greedy)}, ε = 0.1 {ExperimentFiles.Format(epsilon)}, UCB {ExperimentFiles.Format(ucb)}.");
    }

    /// <summary>A CSV-friendly column stem: "ε-greedy ε=0.1" → "egreedy_0.1", "UCB c=2" → "ucb_2".</summary>
    public static string Key(string name) => name.StartsWith("UCB", StringComparison.Ordinal)
        ? "ucb_" + name[(name.IndexOf('=') + 1)..]
        : "egreedy_" + name[(name.IndexOf('=') + 1)..];
}
