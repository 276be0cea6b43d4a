using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="BiasVariance"/>: bias², variance and their sum against the degree, log scale.</summary>
public sealed class BiasVarianceExperiment : IExperiment
{
    public const string PlotFile = "bias-variance.png", CsvFile = "bias-variance.csv";

    /// <summary>Bootstrap resamples of the full and the quick run.</summary>
    public const int Resamples = 500, QuickResamples = 60;

    public ExperimentInfo Info { get; } = new("bias-variance", "The bias–variance trade-off, by the bootstrap", Areas.MachineLearningBasics,
        ["GBC §5.4.4", "GBC Fig. 5.6"],
        "As the polynomial degree grows the squared bias falls and the variance rises, so their sum, the reducible test error, is smallest at an intermediate degree.",
        ["bias", "variance", "bootstrap", "capacity"], TimeSpan.FromSeconds(5));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var points = BiasVariance.Run(context.Quick ? QuickResamples : Resamples, context.Seed);
        double[] degrees = [.. points.Select(p => (double)p.Degree)];
        var plot = ExperimentFiles.NewPlot($"Bias and variance of polynomial fits ({BiasVariance.TrainSize} points, bootstrap)", "degree", "log₁₀ error");
        ExperimentFiles.AddLine(plot, degrees, [.. points.Select(p => Math.Log10(p.BiasSquared))], "bias²", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(plot, degrees, [.. points.Select(p => Math.Log10(p.Variance))], "variance", ExperimentFiles.Palette.GetColor(1), markerSize: 6);
        ExperimentFiles.AddLine(plot, degrees, [.. points.Select(p => Math.Log10(p.Sum))], "bias² + variance", ExperimentFiles.Palette.GetColor(2), LinePattern.Dashed, 6);
        plot.ShowLegend(Alignment.LowerLeft);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, context.OutputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["degree", "bias_squared", "variance"],
                points.Select(p => (IReadOnlyList<double>)[p.Degree, p.BiasSquared, p.Variance])),
        };
        var table = new Table().AddColumns("degree", "bias²", "variance", "sum");
        foreach (var p in points)
            table.AddRow(p.Degree.ToString(), ExperimentFiles.Format(p.BiasSquared), ExperimentFiles.Format(p.Variance), ExperimentFiles.Format(p.Sum));
        context.Console.Write(table);
        var best = points.MinBy(p => p.Sum)!;
        return new ExperimentOutcome(files,
            [new("bias², degree 1", points[0].BiasSquared), new($"bias², degree {points[^1].Degree}", points[^1].BiasSquared),
             new("variance, degree 1", points[0].Variance), new($"variance, degree {points[^1].Degree}", points[^1].Variance), new("best degree", best.Degree)],
            Check(points));
    }

    /// <summary>
    /// Bias² falls at least threefold from degree 1 to the top degree, variance rises at least threefold, and the best
    /// sum lies strictly inside.
    /// (Degree 2 adds nothing to degree 1 here: sin 2πx is odd about x = ½, so the curves are not strictly monotone.)
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<BiasVariancePoint> points)
    {
        var best = points.MinBy(p => p.Sum)!;
        bool holds = points[0].BiasSquared > 3 * points[^1].BiasSquared && points[^1].Variance > 3 * points[0].Variance
            && best.Degree > points[0].Degree && best.Degree < points[^1].Degree;
        return ClaimCheck.That(holds, $"bias² {ExperimentFiles.Format(points[0].BiasSquared)} at degree 1 → {ExperimentFiles.Format(points[^1].BiasSquared)} at degree {points[^1].Degree}; " +
            $"variance {ExperimentFiles.Format(points[0].Variance)} → {ExperimentFiles.Format(points[^1].Variance)}; the sum is smallest at degree {best.Degree} ({ExperimentFiles.Format(best.Sum)}).");
    }
}
