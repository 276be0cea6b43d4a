using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="Bagging"/>: the squared error of a bagged ensemble against its size k, measured and as GBC
/// Eq. 7.50 predicts from the members' v and c, with the limits v/k (uncorrelated errors) and c (k → ∞); as CSV too.
/// </summary>
public sealed class EnsemblesExperiment : IExperiment
{
    public const string PlotFile = "ensembles.png", CsvFile = "ensembles.csv";

    /// <summary>Members per set in the quick and full runs, and the largest ensemble.</summary>
    public const int QuickMembers = 40, FullMembers = 400, MaxK = 20;

    /// <summary>How far the measured error may lie from the formula's, relative.</summary>
    public const double Tolerance = 0.1;

    public ExperimentInfo Info { get; } = new("ensembles", "Bagging: ensemble error against the number of models", Areas.Regularization,
        ["GBC §7.11", "GBC Eq. 7.50"],
        "The squared error of an average of k bagged models follows v/k + (k − 1)c/k, falling from the members' error v toward their error covariance c.",
        ["regularisation", "ensembles", "bagging", "digits"], TimeSpan.FromSeconds(10));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = Bagging.Run(context.Quick ? QuickMembers : FullMembers, MaxK, context.Seed);
        var ks = Enumerable.Range(1, MaxK).Select(k => (double)k).ToArray();
        var files = new List<string>
        {
            SavePlot(result, ks, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["k", "measured", "predicted", "v_over_k"],
                ks.Select((k, i) => (IReadOnlyList<double>)[k, result.Measured[i], result.Predicted[i], result.Variance / k])),
        };
        context.Console.MarkupLine($"{result.Members} bagged ridge members per set: v = {ExperimentFiles.Format(result.Variance)}, c = {ExperimentFiles.Format(result.Covariance)}.");
        var table = new Table().AddColumns("k", "measured", "v/k + (k − 1)c/k");
        foreach (int k in new[] { 1, 2, 5, 10, MaxK })
            table.AddRow(k.ToString(System.Globalization.CultureInfo.InvariantCulture), ExperimentFiles.Format(result.Measured[k - 1]), ExperimentFiles.Format(result.Predicted[k - 1]));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("v", result.Variance), new("c", result.Covariance), new("measured error, k = 1", result.Measured[0]),
             new($"measured error, k = {MaxK}", result.Measured[^1]), new($"predicted error, k = {MaxK}", result.Predicted[^1]),
             new("worst relative gap", result.WorstRelativeGap)],
            Check(result));
    }

    /// <summary>
    /// Every measured error is within <see cref="Tolerance"/> of the formula, the errors are positively correlated but
    /// not perfectly (0 &lt; c &lt; v), and the largest ensemble is clearly better than one model (by 10%).
    /// </summary>
    internal static ClaimCheck Check(BaggingResult result) => ClaimCheck.That(
        result.WorstRelativeGap <= Tolerance && result.Covariance > 0 && result.Covariance < result.Variance && result.Measured[^1] < 0.9 * result.Measured[0],
        $"v = {ExperimentFiles.Format(result.Variance)}, c = {ExperimentFiles.Format(result.Covariance)}; error of one model {ExperimentFiles.Format(result.Measured[0])}, " +
        $"of {result.Measured.Length} {ExperimentFiles.Format(result.Measured[^1])} (formula {ExperimentFiles.Format(result.Predicted[^1])}); " +
        $"measured within {ExperimentFiles.Format(result.WorstRelativeGap)} of the formula at every k (tolerance {Tolerance}).");

    private static string SavePlot(BaggingResult result, double[] ks, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Bagging: ensemble error against k (GBC §7.11)", "models averaged, k", "squared error (Brier score)");
        ExperimentFiles.AddPoints(plot, ks, result.Measured, "measured (fresh members)", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(plot, ks, result.Predicted, "v/k + (k − 1)c/k", ExperimentFiles.Palette.GetColor(1));
        ExperimentFiles.AddLine(plot, ks, [.. ks.Select(k => result.Variance / k)], "v/k (uncorrelated errors)", ExperimentFiles.Palette.GetColor(2), LinePattern.Dashed);
        var floor = plot.Add.HorizontalLine(result.Covariance, color: ExperimentFiles.Palette.GetColor(3), pattern: LinePattern.Dotted);
        floor.LegendText = "c (k → ∞)";
        plot.ShowLegend(Alignment.UpperRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}
