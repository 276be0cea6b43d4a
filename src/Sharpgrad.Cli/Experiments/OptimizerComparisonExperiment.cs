using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="OptimizerComparison"/>: the training loss against the step, one line per optimiser, on a log
/// scale; the per-step minibatch losses as CSV; and a table of final training loss and test accuracy.
/// </summary>
public sealed class OptimizerComparisonExperiment : IExperiment
{
    public const string PlotFile = "optimizers.png", CsvFile = "optimizers.csv";

    /// <summary>
    /// Minibatch losses jump from batch to batch; the figure shows their trailing mean over this many steps so the
    /// five curves can be told apart. The CSV keeps the raw losses.
    /// </summary>
    public const int SmoothingWindow = 25;

    public string Id => "optimizers";

    public string Description =>
        $"SGD, momentum, AdaGrad, RMSProp and Adam training the same MLP on the digits for {OptimizerComparison.DefaultSteps} minibatch steps (Buduma ch4; GBC §8.3–8.5).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var runs = OptimizerComparison.Run();
        int steps = runs[0].StepLosses.Length;
        var files = new List<string>
        {
            SavePlot(runs, outputDirectory),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["step", .. runs.Select(r => r.Optimizer.Key)],
                Enumerable.Range(0, steps).Select(k => (IReadOnlyList<double>)[k, .. runs.Select(r => r.StepLosses[k])])),
        };
        console.MarkupLine($"MLP 64→32→10 on the digits (80/20 split), {steps} steps of batch {OptimizerComparison.BatchSize}, same initial weights and minibatches:");
        var table = new Table().AddColumns("optimiser", "settings", "final train loss", "test accuracy");
        foreach (var run in runs)
            table.AddRow(run.Optimizer.Name.EscapeMarkup(), run.Optimizer.Settings.EscapeMarkup(),
                ExperimentFiles.Format(run.FinalTrainLoss), ExperimentFiles.Format(run.TestAccuracy));
        console.Write(table);
        return files;
    }

    private static string SavePlot(IReadOnlyList<OptimizerRun> runs, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Optimisers on the same MLP (digits)", "step",
            $"training loss (minibatch, {SmoothingWindow}-step mean)");
        for (int i = 0; i < runs.Count; i++)
        {
            var smoothed = ExperimentFiles.TrailingMean(runs[i].StepLosses, SmoothingWindow);
            var steps = Enumerable.Range(0, smoothed.Length).Select(k => (double)k).ToArray();
            ExperimentFiles.AddLine(plot, steps, smoothed.Select(Math.Log10).ToArray(), runs[i].Optimizer.Name, ExperimentFiles.Palette.GetColor(i));
        }
        UseLogTicks(plot);
        plot.ShowLegend(Alignment.UpperRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }

    /// <summary>The y values are log₁₀ of the loss: label the ticks with the loss itself and add log-spaced minor ticks.</summary>
    private static void UseLogTicks(Plot plot)
    {
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
