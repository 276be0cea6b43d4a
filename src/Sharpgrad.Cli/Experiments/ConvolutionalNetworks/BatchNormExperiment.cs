using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="BatchNormSpeed"/>: test accuracy against mini-batches for the CNN with and without batch
/// normalisation, with the threshold as a line; the curves as CSV.
/// </summary>
public sealed class BatchNormExperiment : IExperiment
{
    public const string PlotFile = "batchnorm.png", CsvFile = "batchnorm.csv";

    public ExperimentInfo Info { get; } = new("batchnorm", "The same CNN with and without batch normalisation", Areas.ConvolutionalNetworks,
        ["Buduma ch5", "GBC §8.7.1", "Ioffe & Szegedy 2015"],
        "With batch normalisation the same CNN, trained by the same SGD on the same mini-batches, reaches 80% test accuracy on Fashion-MNIST (90% on the quick run's digits) in fewer steps.",
        ["cnn", "batch normalisation", "optimisation", "fashion-mnist", "digits"], TimeSpan.FromSeconds(30));   // the full run: 27 s measured on a shared 2-core machine

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var curves = context.Quick
            ? BatchNormSpeed.Run(BatchNormSpeed.QuickData(context.Seed), steps: 300, every: 10, threshold: 0.9, context.Seed)
            : BatchNormSpeed.Run(BatchNormSpeed.FullData(), steps: 1500, every: 25, threshold: 0.8, context.Seed);
        var data = context.Quick ? "digits" : "Fashion-MNIST";
        var (plain, normalised) = (curves[0], curves[1]);
        string percent = Percent(plain.Threshold);
        var files = new List<string>
        {
            SavePlot(curves, data, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["step", "accuracy_without_bn", "accuracy_with_bn"],
                plain.Steps.Select((s, i) => (IReadOnlyList<double>)[s, plain.Accuracy[i], normalised.Accuracy[i]])),
        };
        var table = new Table().AddColumns("network", $"steps to {percent}", "final test accuracy");
        foreach (var c in curves)
            table.AddRow(c.Label, c.StepsToThreshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not reached", ExperimentFiles.Format(c.Accuracy[^1]));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new($"steps to {percent}, without batch norm", plain.StepsToThreshold ?? double.NaN), new($"steps to {percent}, with batch norm", normalised.StepsToThreshold ?? double.NaN),
             new("final accuracy, without batch norm", plain.Accuracy[^1]), new("final accuracy, with batch norm", normalised.Accuracy[^1])],
            Check(plain, normalised));
    }

    /// <summary>The normalised network reaches the threshold, and strictly before the plain one does (or the plain one never does).</summary>
    internal static ClaimCheck Check(AccuracyCurve plain, AccuracyCurve normalised)
    {
        static string Steps(AccuracyCurve c) => c.StepsToThreshold is { } s ? $"in {s} steps" : $"not within {c.Steps[^1]} steps";
        return ClaimCheck.That(normalised.StepsToThreshold is { } fast && (plain.StepsToThreshold is not { } slow || fast < slow),
            $"test accuracy {Percent(normalised.Threshold)} reached with batch norm {Steps(normalised)}, without it {Steps(plain)}; " +
            $"final accuracy {ExperimentFiles.Format(normalised.Accuracy[^1])} vs {ExperimentFiles.Format(plain.Accuracy[^1])}.");
    }

    /// <summary>A threshold as a whole percentage, the same in every culture: 0.9 → "90%".</summary>
    private static string Percent(double threshold) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{threshold * 100:0}%");

    private static string SavePlot(IReadOnlyList<AccuracyCurve> curves, string data, string directory)
    {
        var plot = ExperimentFiles.NewPlot($"Batch normalisation ({data} CNN, SGD lr {BatchNormSpeed.LearningRate})", "mini-batches", "test accuracy");
        for (int k = 0; k < curves.Count; k++)
            ExperimentFiles.AddLine(plot, [.. curves[k].Steps.Select(s => (double)s)], curves[k].Accuracy, curves[k].Label, ExperimentFiles.Palette.GetColor(k));
        var threshold = plot.Add.HorizontalLine(curves[0].Threshold, color: ExperimentFiles.Palette.GetColor(2), pattern: LinePattern.Dashed);
        threshold.LegendText = Percent(curves[0].Threshold);
        plot.ShowLegend(Alignment.LowerRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}
