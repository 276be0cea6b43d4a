using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="PolynomialFit"/>: the fits of degree 1, 3 and 10, and train/test MSE against the degree.</summary>
public sealed class PolynomialFitExperiment : IExperiment
{
    public const string FitsFile = "fits.png", ErrorsFile = "mse-vs-degree.png", CsvFile = "mse.csv";
    private static readonly int[] ShownDegrees = [1, 3, 10];

    public string Id => "polynomial-fit";

    public string Description => "Polynomials of degree 1..11 through 12 noisy points of sin 2πx (σ = 0.2): under- and overfitting (GBC Fig. 5.2/5.3).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var result = PolynomialFit.Run();
        var files = new List<string>
        {
            SaveFits(result, outputDirectory),
            SaveErrors(result, outputDirectory),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["degree", "train_mse", "test_mse"],
                result.Fits.Select(f => (IReadOnlyList<double>)[f.Degree, f.TrainMse, f.TestMse])),
        };
        var table = new Table().AddColumns("degree", "train MSE", "test MSE");
        foreach (var fit in result.Fits)
            table.AddRow(fit.Degree.ToString(), ExperimentFiles.Format(fit.TrainMse), ExperimentFiles.Format(fit.TestMse));
        console.Write(table);
        return files;
    }

    private static string SaveFits(PolynomialFitResult result, string directory)
    {
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        var grid = SineData.Grid(200);
        var xs = grid.ToArray<double>();
        for (int i = 0; i < ShownDegrees.Length; i++)
        {
            var plot = i == 0 ? figure.GetPlot(0) : figure.AddPlot();
            var fit = result.Fits.First(f => f.Degree == ShownDegrees[i]);
            ExperimentFiles.Style(plot, $"degree {fit.Degree}", "x", "y");
            ExperimentFiles.AddLine(plot, xs, SineData.Truth(grid).ToArray<double>(), "sin 2πx", ExperimentFiles.Palette.GetColor(2), LinePattern.Dashed);
            ExperimentFiles.AddLine(plot, xs, SineData.Evaluate(fit.Coefficients, grid).ToArray<double>(), "fit", ExperimentFiles.Palette.GetColor(3));
            ExperimentFiles.AddPoints(plot, result.TrainX.ToArray<double>(), result.TrainY.ToArray<double>(), "train", ExperimentFiles.Palette.GetColor(0));
            plot.Axes.SetLimits(0, 1, -1.6, 1.6);
            plot.ShowLegend(Alignment.LowerLeft);
        }
        return ExperimentFiles.SavePng(figure, directory, FitsFile, 1500, 450);
    }

    private static string SaveErrors(PolynomialFitResult result, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Training and test error against capacity", "polynomial degree", "log₁₀ MSE");
        var degrees = result.Fits.Select(f => (double)f.Degree).ToArray();
        // The train MSE of degree 11 is ~0; a floor keeps the log finite.
        ExperimentFiles.AddLine(plot, degrees, result.Fits.Select(f => Math.Log10(Math.Max(f.TrainMse, 1e-16))).ToArray(), "train", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(plot, degrees, result.Fits.Select(f => Math.Log10(f.TestMse)).ToArray(), "test", ExperimentFiles.Palette.GetColor(1), LinePattern.Dashed, 6);
        plot.Add.HorizontalLine(Math.Log10(SineData.NoiseStd * SineData.NoiseStd), color: Colors.Gray).LegendText = "noise variance σ²";
        plot.ShowLegend(Alignment.LowerLeft);
        return ExperimentFiles.SavePng(plot, directory, ErrorsFile);
    }
}
