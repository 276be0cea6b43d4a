using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="MlpVersusCnn"/>: each seed's test accuracy for both models, and the CNN's four learned 3×3
/// filters (CLS Fig. 3.20); the accuracies as CSV.
/// </summary>
public sealed class MlpVersusCnnExperiment : IExperiment
{
    public const string PlotFile = "mlp-vs-cnn.png", FiltersFile = "cnn-filters.png", CsvFile = "mlp-vs-cnn.csv";

    /// <summary>Seeds of the quick and of the full run.</summary>
    public const int QuickSeeds = 1, FullSeeds = 5;

    public ExperimentInfo Info { get; } = new("mlp-vs-cnn", "An MLP and a CNN of equal size on 200 digits", Areas.FeedforwardNetworks,
        ["CLS Fig. 3.20", "GBC §9.2"],
        "On 200 training digits an MLP with 2,410 parameters and a CNN with 2,450 reach test accuracies within three points of each other.",
        ["cnn", "mlp", "classification", "digits"], TimeSpan.FromSeconds(20));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = MlpVersusCnn.Run(context.Quick ? QuickSeeds : FullSeeds, context.Seed);
        var seeds = Enumerable.Range(context.Seed, result.Mlp.Length).Select(s => (double)s).ToArray();
        var files = new List<string>
        {
            SavePlot(result, seeds, context.OutputDirectory),
            ImageGrid.SaveFilters(context.OutputDirectory, FiltersFile, "The CNN's four 3×3 filters", result.Filters, columns: 4),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["seed", "mlp_accuracy", "cnn_accuracy"],
                seeds.Select((s, k) => (IReadOnlyList<double>)[s, result.Mlp[k], result.Cnn[k]])),
        };
        var table = new Table().AddColumns("model", "parameters", "mean test accuracy");
        table.AddRow("MLP 64→32→10", result.MlpParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), ExperimentFiles.Format(result.Mlp.Average()));
        table.AddRow("CNN conv 3×3×4 → pool → 64→32→10", result.CnnParameters.ToString(System.Globalization.CultureInfo.InvariantCulture), ExperimentFiles.Format(result.Cnn.Average()));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("MLP parameters", result.MlpParameters), new("CNN parameters", result.CnnParameters),
             new("MLP mean test accuracy", result.Mlp.Average()), new("CNN mean test accuracy", result.Cnn.Average()), new("accuracy gap", result.Gap)],
            Check(result));
    }

    /// <summary>The two mean accuracies are within <see cref="MlpVersusCnn.Tolerance"/>, and both models learn (≥ 85%).</summary>
    internal static ClaimCheck Check(MlpVersusCnnResult result) => ClaimCheck.That(
        result.Gap <= MlpVersusCnn.Tolerance && Math.Min(result.Mlp.Average(), result.Cnn.Average()) >= 0.85,
        $"{result.Mlp.Length} seed(s): mean test accuracy MLP ({result.MlpParameters} parameters) {ExperimentFiles.Format(result.Mlp.Average())}, " +
        $"CNN ({result.CnnParameters}) {ExperimentFiles.Format(result.Cnn.Average())}; gap {ExperimentFiles.Format(result.Gap)} (tolerance {MlpVersusCnn.Tolerance}).");

    private static string SavePlot(MlpVersusCnnResult result, double[] seeds, string directory)
    {
        var plot = ExperimentFiles.NewPlot("MLP vs CNN on 200 digits", "seed", "test accuracy");
        ExperimentFiles.AddPoints(plot, seeds, result.Mlp, $"MLP ({result.MlpParameters} parameters)", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddPoints(plot, seeds, result.Cnn, $"CNN ({result.CnnParameters} parameters)", ExperimentFiles.Palette.GetColor(1));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(seeds[0] - 0.5, seeds[^1] + 0.5, 0.8, 1.0);
        plot.ShowLegend(Alignment.LowerRight);
        return ExperimentFiles.SavePng(plot, directory, PlotFile);
    }
}
