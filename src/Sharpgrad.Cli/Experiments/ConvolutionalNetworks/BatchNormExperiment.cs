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
        "With batch normalisation the same CNN, trained by the same SGD on the same mini-batches, reaches 90% test accuracy in fewer steps.",
        ["cnn", "batch normalisation", "optimisation", "digits"], TimeSpan.FromSeconds(30));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var curves = context.Quick ? BatchNormSpeed.Run(steps: 300, every: 10, context.Seed) : BatchNormSpeed.Run(steps: 1500, every: 10, context.Seed);
        var (plain, normalised) = (curves[0], curves[1]);
        var files = new List<string>
        {
            SavePlot(curves, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["step", "accuracy_without_bn", "accuracy_with_bn"],
                plain.Steps.Select((s, i) => (IReadOnlyList<double>)[s, plain.Accuracy[i], normalised.Accuracy[i]])),
        };
        var table = new Table().AddColumns("network", $"steps to {BatchNormSpeed.Threshold:P0}", "final test accuracy");
        foreach (var c in curves)
            table.AddRow(c.Label, c.StepsToThreshold?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not reached", ExperimentFiles.Format(c.Accuracy[^1]));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("steps to 90%, without batch norm", plain.StepsToThreshold ?? double.NaN), new("steps to 90%, with batch norm", normalised.StepsToThreshold ?? double.NaN),
             new("final accuracy, without batch norm", plain.Accuracy[^1]), new("final accuracy, with batch norm", normalised.Accuracy[^1])],
            Check(plain, normalised));
    }

    /// <summary>The normalised network reaches the threshold, and strictly before the plain one does (or the plain one never does).</summary>
    internal static ClaimCheck Check(AccuracyCurve plain, AccuracyCurve normalised)
    {
        static string Steps(AccuracyCurve c) => c.StepsToThreshold is { } s ? $"in {s} steps" : $"not within {c.Steps[^1]} steps";
        return ClaimCheck.That(normalised.StepsToThreshold is { } fast && (plain.StepsToThreshold is not { } slow || fast < slow),
            $"test accuracy {BatchNormSpeed.Threshold:P0} reached with batch norm {Steps(normalised)}, without it {Steps(plain)}; " +
            $"final accuracy {ExperimentFiles.Format(normalised.Accuracy[^1])} vs {ExperimentFiles.Format(plain.Accuracy[^1])}.");
    }

    private static string SavePlot(IReadOnlyList<AccuracyCurve> curves, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Batch normalisation (digits CNN, SGD lr 0.05)", "mini-batches", "test accuracy");
        for (int k = 0; k < curves.Count; k++)
            ExperimentFiles.AddLine(plot, [.. curves[k].Steps.Select(s => (double)s)], curves[k].Accuracy, curves[k].Label, ExperimentFiles.Palette.GetColor(k));
        var threshold = plot.Add.HorizontalLine(BatchNormSpeed.Threshold, color: ExperimentFiles.Palette.GetColor(2), pattern: LinePattern.Dashed);
        threshold.LegendText = $"{BatchNormSpeed.Threshold:P0}";
        plot.ShowLegend(Alignment.LowerRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}
