using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="DropoutStudy"/>: the training and test cross-entropy and their gap against the dropout rate, and
/// the MC-dropout predictive variance on held-out digits and on out-of-distribution inputs; both as CSV.
/// </summary>
public sealed class DropoutExperiment : IExperiment
{
    public const string GapFile = "dropout-gap.png", UncertaintyFile = "mc-dropout.png", CsvFile = "dropout.csv", UncertaintyCsvFile = "mc-dropout.csv";

    /// <summary>The rates of the quick and of the full run; the last is the MC-dropout model.</summary>
    public static readonly double[] QuickRates = [0, 0.5], FullRates = [0, 0.1, 0.2, 0.3, 0.5];

    /// <summary>How many times the in-distribution variance the out-of-distribution one must reach.</summary>
    public const double MinimumRatio = 1.5;

    public ExperimentInfo Info { get; } = new("dropout", "Dropout: generalisation gap and MC-dropout uncertainty", Areas.Regularization,
        ["GBC §7.12", "Srivastava et al. 2014", "Gal & Ghahramani 2016"],
        "Dropout shrinks the gap between test and training loss, and MC dropout's predictive variance is higher on out-of-distribution inputs than on held-out digits.",
        ["regularisation", "dropout", "uncertainty", "digits"], TimeSpan.FromSeconds(40));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = context.Quick
            ? DropoutStudy.Run(QuickRates, hidden: 128, epochs: 60, context.Seed)
            : DropoutStudy.Run(FullRates, hidden: 256, epochs: 100, context.Seed);
        double[] rates = [.. result.Rows.Select(r => r.Rate)];
        string[] inputs = ["held-out digits", "uniform noise", "inverted digits"];
        double[] variances = [result.InDistributionVariance, result.NoiseVariance, result.InvertedVariance];
        var files = new List<string>
        {
            SaveGap(result, rates, context.OutputDirectory),
            SaveUncertainty(inputs, variances, result.Rows[^1].Rate, context.OutputDirectory),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["rate", "train_loss", "test_loss", "gap", "train_accuracy", "test_accuracy"],
                result.Rows.Select(r => (IReadOnlyList<double>)[r.Rate, r.TrainLoss, r.TestLoss, r.Gap, r.TrainAccuracy, r.TestAccuracy])),
            ExperimentFiles.SaveCsv(context.OutputDirectory, UncertaintyCsvFile, ["input", "predictive_variance"],
                variances.Select((v, i) => (IReadOnlyList<double>)[i, v])),
        };
        var table = new Table().AddColumns("dropout rate", "train loss", "test loss", "gap", "test accuracy");
        foreach (var r in result.Rows)
            table.AddRow(ExperimentFiles.Format(r.Rate), ExperimentFiles.Format(r.TrainLoss), ExperimentFiles.Format(r.TestLoss), ExperimentFiles.Format(r.Gap), ExperimentFiles.Format(r.TestAccuracy));
        context.Console.Write(table);
        context.Console.MarkupLine($"MC dropout (p = {result.Rows[^1].Rate}, {DropoutStudy.Passes} passes): predictive variance {string.Join(", ", inputs.Zip(variances, (n, v) => $"{n} {ExperimentFiles.Format(v)}"))}.");
        return new ExperimentOutcome(files,
            [new("gap without dropout", result.Rows[0].Gap), new($"gap at p = {result.Rows[^1].Rate}", result.Rows[^1].Gap),
             new("predictive variance, held-out digits", result.InDistributionVariance), new("predictive variance, uniform noise", result.NoiseVariance),
             new("predictive variance, inverted digits", result.InvertedVariance)],
            Check(result));
    }

    /// <summary>
    /// The largest rate's gap is below the gap without dropout, and its MC-dropout variance on both out-of-distribution
    /// inputs is at least <see cref="MinimumRatio"/> times that on held-out digits. (Only the two ends are compared: between neighbouring small
    /// rates the gap differs by less than one seed's noise.)
    /// </summary>
    internal static ClaimCheck Check(DropoutResult result)
    {
        var (none, most) = (result.Rows[0], result.Rows[^1]);
        double ratio = Math.Min(result.NoiseVariance, result.InvertedVariance) / result.InDistributionVariance;
        return ClaimCheck.That(none.Rate == 0 && most.Gap < none.Gap && ratio >= MinimumRatio,
            $"test − train cross-entropy {ExperimentFiles.Format(none.Gap)} without dropout, {ExperimentFiles.Format(most.Gap)} at p = {most.Rate}; " +
            $"MC-dropout variance on held-out digits {ExperimentFiles.Format(result.InDistributionVariance)}, on noise {ExperimentFiles.Format(result.NoiseVariance)}, " +
            $"on inverted digits {ExperimentFiles.Format(result.InvertedVariance)} (smaller ratio {ExperimentFiles.Format(ratio)}, needs ≥ {MinimumRatio}).");
    }

    private static string SaveGap(DropoutResult result, double[] rates, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Dropout against the generalisation gap (200 digits)", "dropout rate p", "cross-entropy");
        ExperimentFiles.AddLine(plot, rates, [.. result.Rows.Select(r => r.TrainLoss)], "training", ExperimentFiles.Palette.GetColor(0), markerSize: 7);
        ExperimentFiles.AddLine(plot, rates, [.. result.Rows.Select(r => r.TestLoss)], "test", ExperimentFiles.Palette.GetColor(1), markerSize: 7);
        ExperimentFiles.AddLine(plot, rates, [.. result.Rows.Select(r => r.Gap)], "gap (test − training)", ExperimentFiles.Palette.GetColor(2), ScottPlot.LinePattern.Dashed, 7);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return ExperimentFiles.SavePng(plot, directory, GapFile);
    }

    private static string SaveUncertainty(string[] inputs, double[] variances, double rate, string directory)
    {
        var plot = ExperimentFiles.NewPlot($"MC dropout (p = {rate}): predictive variance", "", "variance of the softmax, summed over classes");
        plot.Add.Bars(variances);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, inputs.Length).Select(i => (double)i)], inputs);
        return ExperimentFiles.SavePng(plot, directory, UncertaintyFile);
    }
}
