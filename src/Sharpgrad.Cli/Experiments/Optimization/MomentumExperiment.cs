using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="MomentumSweep"/>: the smoothed training loss against the step per momentum value, and the steps to the threshold.</summary>
public sealed class MomentumExperiment : IExperiment
{
    public const string PlotFile = "momentum.png", CsvFile = "momentum.csv";

    /// <summary>Steps of the full and the quick run.</summary>
    public const int Steps = 3000, QuickSteps = 1500;

    public ExperimentInfo Info { get; } = new("momentum", "How much momentum speeds up SGD", Areas.Optimization,
        ["Buduma ch4", "GBC §8.3.2", "GBC Alg. 8.2"],
        $"At the same learning rate, SGD with momentum 0.9 brings the training loss below {MomentumSweep.Threshold} in at most a third of the steps plain SGD needs, and momentum 0.5 is faster than none.",
        ["optimisation", "momentum", "sgd"], TimeSpan.FromSeconds(15));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        int steps = context.Quick ? QuickSteps : Steps;
        var runs = MomentumSweep.Run(steps, context.Seed);
        var plot = ExperimentFiles.NewPlot($"SGD with momentum, lr {MomentumSweep.LearningRate} (digits MLP)", "step", $"log₁₀ training loss ({MomentumSweep.Window}-step mean)");
        double[] xs = [.. Enumerable.Range(1, steps).Select(k => (double)k)];
        for (int i = 0; i < runs.Count; i++)
            ExperimentFiles.AddLine(plot, xs, [.. ExperimentFiles.TrailingMean(runs[i].Run.StepLosses, MomentumSweep.Window).Select(Math.Log10)],
                runs[i].Run.Optimizer.Name, ExperimentFiles.Palette.GetColor(i));
        plot.Add.HorizontalLine(Math.Log10(MomentumSweep.Threshold), color: ScottPlot.Colors.Gray, pattern: ScottPlot.LinePattern.Dotted).LegendText = $"loss {MomentumSweep.Threshold}";
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, context.OutputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["step", .. runs.Select(r => $"momentum_{r.Momentum}")],
                Enumerable.Range(0, steps).Select(k => (IReadOnlyList<double>)[k + 1, .. runs.Select(r => r.Run.StepLosses[k])])),
        };
        var table = new Table().AddColumns("momentum", $"steps to loss {MomentumSweep.Threshold}", "final training loss", "test accuracy");
        foreach (var r in runs)
            table.AddRow(r.Momentum.ToString(System.Globalization.CultureInfo.InvariantCulture), r.StepsToThreshold?.ToString() ?? $"> {steps}",
                ExperimentFiles.Format(r.Run.FinalTrainLoss), ExperimentFiles.Format(r.Run.TestAccuracy));
        context.Console.Write(table);
        return new ExperimentOutcome(files, [.. runs.Select(r => new KeyNumber($"steps to {MomentumSweep.Threshold}, momentum {r.Momentum}", r.StepsToThreshold ?? double.PositiveInfinity))],
            Check(runs, steps));
    }

    /// <summary>
    /// Momentum 0.9 reaches the threshold in at most a third of plain SGD's steps (a run that never reaches it counts as
    /// more than the budget), and momentum 0.5 in fewer than plain SGD.
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<MomentumRun> runs, int budget)
    {
        double Steps(double momentum) => runs.Single(r => r.Momentum == momentum).StepsToThreshold ?? budget + 1.0;
        double sgd = Steps(0), half = Steps(0.5), high = Steps(0.9);
        string Show(double s) => s > budget ? $"> {budget}" : s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ClaimCheck.That(high <= budget && high * 3 <= sgd && half < sgd,
            $"steps to a training loss of {MomentumSweep.Threshold}: SGD {Show(sgd)}, momentum 0.5 {Show(half)}, momentum 0.9 {Show(high)}, momentum 0.99 {Show(Steps(0.99))}.");
    }
}
