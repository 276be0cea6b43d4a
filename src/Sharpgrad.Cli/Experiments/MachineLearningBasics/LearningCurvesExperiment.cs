using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="LearningCurves"/> as GBC Fig. 5.4: error against training-set size, log-log.</summary>
public sealed class LearningCurvesExperiment : IExperiment
{
    public const string PlotFile = "learning-curves.png", CsvFile = "learning-curves.csv";

    public ExperimentInfo Info { get; } = new("learning-curves", "Learning curves against training-set size", Areas.MachineLearningBasics,
        ["GBC Fig. 5.4"],
        "With more data the test error of the right-capacity model falls to the Bayes error σ² while its training error rises to meet it; the too-simple model stays far above.",
        ["capacity", "generalisation", "regression"], TimeSpan.FromSeconds(2));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var points = LearningCurves.Run(context.Seed);
        var plot = ExperimentFiles.NewPlot("Learning curves", "log₁₀ training-set size", "log₁₀ MSE");
        for (int i = 0; i < LearningCurves.Degrees.Length; i++)
        {
            var curve = points.Where(p => p.Degree == LearningCurves.Degrees[i]).ToList();
            var sizes = curve.Select(p => Math.Log10(p.TrainSize)).ToArray();
            var color = ExperimentFiles.Palette.GetColor(i);
            ExperimentFiles.AddLine(plot, sizes, curve.Select(p => Math.Log10(Math.Max(p.TrainMse, 1e-16))).ToArray(), $"train, degree {curve[0].Degree}", color, markerSize: 5);
            ExperimentFiles.AddLine(plot, sizes, curve.Select(p => Math.Log10(p.TestMse)).ToArray(), $"test, degree {curve[0].Degree}", color, LinePattern.Dashed, 5);
        }
        plot.Add.HorizontalLine(Math.Log10(SineData.NoiseStd * SineData.NoiseStd), color: Colors.Gray).LegendText = "Bayes error σ²";
        plot.ShowLegend(Alignment.UpperRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["degree", "train_size", "train_mse", "test_mse"],
                points.Select(p => (IReadOnlyList<double>)[p.Degree, p.TrainSize, p.TrainMse, p.TestMse])),
        };
        var table = new Table().AddColumns("degree", "N", "train MSE", "test MSE");
        foreach (var p in points.Where(p => p.TrainSize is 5 or 20 or 200))
            table.AddRow(p.Degree.ToString(), p.TrainSize.ToString(), ExperimentFiles.Format(p.TrainMse), ExperimentFiles.Format(p.TestMse));
        console.Write(table);
        var (small, large, linear) = Ends(points);
        return new ExperimentOutcome(files,
            [new("cubic test MSE, fewest points", small.TestMse), new("cubic test MSE, most points", large.TestMse),
             new("cubic train MSE, most points", large.TrainMse), new("linear test MSE, most points", linear.TestMse), new("Bayes error σ²", Bayes)],
            Check(points));
    }

    private static double Bayes => SineData.NoiseStd * SineData.NoiseStd;

    private static (LearningCurvePoint Small, LearningCurvePoint Large, LearningCurvePoint Linear) Ends(IReadOnlyList<LearningCurvePoint> points)
    {
        var cubic = points.Where(p => p.Degree == 3).ToList();
        return (cubic[0], cubic[^1], points.Where(p => p.Degree == 1).Last());
    }

    /// <summary>The cubic's test error falls to within 30% of σ², its training error rises, and the line stays above 3σ².</summary>
    internal static ClaimCheck Check(IReadOnlyList<LearningCurvePoint> points)
    {
        var (small, large, linear) = Ends(points);
        return ClaimCheck.That(large.TestMse < small.TestMse && large.TrainMse > small.TrainMse && large.TestMse <= 1.3 * Bayes && linear.TestMse > 3 * Bayes,
            $"cubic test MSE {ExperimentFiles.Format(small.TestMse)} at N = {small.TrainSize} → {ExperimentFiles.Format(large.TestMse)} at N = {large.TrainSize} " +
            $"(σ² = {ExperimentFiles.Format(Bayes)}), train MSE {ExperimentFiles.Format(small.TrainMse)} → {ExperimentFiles.Format(large.TrainMse)}; the line ends at {ExperimentFiles.Format(linear.TestMse)}.");
    }
}
