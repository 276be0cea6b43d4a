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

    public ExperimentInfo Info { get; } = new("optimizers", "SGD, momentum, AdaGrad, RMSProp and Adam on one MLP", Areas.Optimization,
        ["Buduma ch4", "GBC §8.3", "GBC §8.5", "CLS Fig. 3.16"],
        "From the same weights and minibatches every optimiser at least halves the training loss, and momentum ends below plain SGD.",
        ["optimisation", "momentum", "adaptive learning rates"], TimeSpan.FromSeconds(20));

    /// <summary>Steps of the quick run: about 13 epochs of batch 32, enough for the claim.</summary>
    public const int QuickSteps = 600;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var runs = OptimizerComparison.Run(context.Quick ? QuickSteps : OptimizerComparison.DefaultSteps, context.Seed);
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
        return new ExperimentOutcome(files,
            [.. runs.Select(r => new KeyNumber($"final train loss, {r.Optimizer.Name}", r.FinalTrainLoss)),
             .. runs.Select(r => new KeyNumber($"test accuracy, {r.Optimizer.Name}", r.TestAccuracy))],
            Check(runs));
    }

    /// <summary>Every run halves its loss; momentum's final loss is below SGD's.</summary>
    internal static ClaimCheck Check(IReadOnlyList<OptimizerRun> runs)
    {
        var sgd = runs.Single(r => r.Optimizer.Key == "sgd");
        var momentum = runs.Single(r => r.Optimizer.Key == "momentum");
        var worst = runs.MaxBy(r => r.FinalTrainLoss / r.InitialTrainLoss)!;
        return ClaimCheck.That(runs.All(r => r.FinalTrainLoss < 0.5 * r.InitialTrainLoss) && momentum.FinalTrainLoss < sgd.FinalTrainLoss,
            $"the least progress is {worst.Optimizer.Name}'s, {ExperimentFiles.Format(worst.InitialTrainLoss)} → {ExperimentFiles.Format(worst.FinalTrainLoss)}; " +
            $"final loss with momentum {ExperimentFiles.Format(momentum.FinalTrainLoss)} vs SGD {ExperimentFiles.Format(sgd.FinalTrainLoss)}.");
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
