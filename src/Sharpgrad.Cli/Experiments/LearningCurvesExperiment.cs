using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="LearningCurves"/> as GBC Fig. 5.4: error against training-set size, log-log.</summary>
public sealed class LearningCurvesExperiment : IExperiment
{
    public const string PlotFile = "learning-curves.png", CsvFile = "learning-curves.csv";

    public string Id => "learning-curves";

    public string Description => "Train and test MSE against training-set size for polynomials of degree 1 and 3 (GBC Fig. 5.4).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var points = LearningCurves.Run();
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
        return files;
    }
}
