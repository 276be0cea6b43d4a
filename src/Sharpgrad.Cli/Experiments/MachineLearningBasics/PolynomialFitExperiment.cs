using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="PolynomialFit"/>: the fits of degree 1, 3 and 10, and train/test MSE against the degree.</summary>
public sealed class PolynomialFitExperiment : IExperiment
{
    public const string FitsFile = "fits.png", ErrorsFile = "mse-vs-degree.png", CsvFile = "mse.csv";
    private static readonly int[] ShownDegrees = [1, 3, 10];

    public ExperimentInfo Info { get; } = new("polynomial-fit", "Under- and overfitting a polynomial", Areas.MachineLearningBasics,
        ["GBC Fig. 5.2", "GBC Fig. 5.3"],
        "Test error is U-shaped in capacity: degree 1 underfits, degree 11 interpolates the 12 points and overfits, and a middle degree generalises best.",
        ["capacity", "regression", "overfitting"], TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var result = PolynomialFit.Run(context.Seed);
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
        var best = result.Fits.MinBy(f => f.TestMse)!;
        return new ExperimentOutcome(files,
            [new("best test degree", best.Degree), new("test MSE, degree 1", Test(result, 1)), new("test MSE, best degree", best.TestMse),
             new("test MSE, degree 11", Test(result, PolynomialFit.MaxDegree)), new("train MSE, degree 11", result.Fits[^1].TrainMse)],
            Check(result));
    }

    /// <summary>The U: the lowest test error lies strictly between the smallest and the largest degree.</summary>
    internal static ClaimCheck Check(PolynomialFitResult result)
    {
        var best = result.Fits.MinBy(f => f.TestMse)!;
        int lowest = result.Fits[0].Degree, highest = result.Fits[^1].Degree;
        return ClaimCheck.That(best.Degree > lowest && best.Degree < highest,
            $"the lowest test MSE ({ExperimentFiles.Format(best.TestMse)}) is at degree {best.Degree}; degree {lowest} gives {ExperimentFiles.Format(Test(result, lowest))} and degree {highest} gives {ExperimentFiles.Format(Test(result, highest))}.");
    }

    private static double Test(PolynomialFitResult result, int degree) => result.Fits.First(f => f.Degree == degree).TestMse;

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

    private static string SaveErrors(PolynomialFitResult result, string directory) =>
        ExperimentFiles.SavePng(ErrorsPlot(result), directory, ErrorsFile);

    /// <summary>How many decades below the smallest test error the log axis reaches.</summary>
    internal const int DecadesBelowTestError = 3;

    /// <summary>
    /// log₁₀ MSE against the degree. The degree-11 polynomial interpolates the 12 points, so its training error is
    /// rounding noise (~1e-27); drawn as it is, it would stretch the axis over 25 decades and flatten the U of the test
    /// error (GBC Fig. 5.3), which is the point of the figure. The axis stops <see cref="DecadesBelowTestError"/>
    /// whole decades below the smallest test error; a training error below that is drawn on the axis floor with a
    /// triangle and a legend entry that says so.
    /// </summary>
    internal static Plot ErrorsPlot(PolynomialFitResult result)
    {
        var plot = ExperimentFiles.NewPlot("Training and test error against capacity", "polynomial degree", "log₁₀ MSE");
        var degrees = result.Fits.Select(f => (double)f.Degree).ToArray();
        var test = result.Fits.Select(f => Math.Log10(f.TestMse)).ToArray();
        double floor = Math.Floor(test.Min()) - DecadesBelowTestError;
        var train = result.Fits.Select(f => Math.Max(Math.Log10(f.TrainMse), floor)).ToArray(); // log10(0) = −∞ clips too
        ExperimentFiles.AddLine(plot, degrees, train, "train", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(plot, degrees, test, "test", ExperimentFiles.Palette.GetColor(1), LinePattern.Dashed, 6);
        double noise = Math.Log10(SineData.NoiseStd * SineData.NoiseStd);
        plot.Add.HorizontalLine(noise, color: Colors.Gray).LegendText = "noise variance σ²";
        var clipped = Enumerable.Range(0, degrees.Length).Where(i => train[i] == floor).ToArray();
        if (clipped.Length > 0)
        {
            var marks = plot.Add.Scatter(clipped.Select(i => degrees[i]).ToArray(), clipped.Select(_ => floor).ToArray(), ExperimentFiles.Palette.GetColor(0));
            marks.LineWidth = 0;
            marks.MarkerSize = 12;
            marks.MarkerShape = MarkerShape.FilledTriangleDown;
            marks.LegendText = $"training error below 1e{floor:0}, drawn at 1e{floor:0}";
        }
        double top = Math.Max(Math.Max(train.Max(), test.Max()), noise);
        plot.Axes.SetLimits(degrees.Min() - 0.5, degrees.Max() + 0.5, floor - 0.25, top + 0.25);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true }; // degrees are whole
        plot.ShowLegend(Alignment.LowerLeft);
        return plot;
    }
}
