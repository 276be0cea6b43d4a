using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="TreeCapacity"/>: training and test error against the tree's depth, with the Bayes error.</summary>
public sealed class CapacityExperiment : IExperiment
{
    public const string PlotFile = "capacity.png", CsvFile = "capacity.csv";

    public ExperimentInfo Info { get; } = new("capacity", "Capacity and the generalisation gap", Areas.MachineLearningBasics,
        ["GBC Fig. 5.3", "GBC §5.2"],
        "As a tree's capacity grows its training error falls towards zero while its test error first falls and then rises: the generalisation gap widens and the test error is U-shaped.",
        ["capacity", "overfitting", "trees"], TimeSpan.FromSeconds(3));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var points = TreeCapacity.Run(context.Seed);
        double[] depths = [.. points.Select(p => (double)p.MaxDepth)];
        var plot = ExperimentFiles.NewPlot($"CART on a noisy disc ({TreeCapacity.LabelNoise:P0} of labels flipped)", "maximum depth (capacity)", "error");
        ExperimentFiles.AddLine(plot, depths, [.. points.Select(p => p.TrainError)], "training error", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(plot, depths, [.. points.Select(p => p.TestError)], "test error", ExperimentFiles.Palette.GetColor(1), LinePattern.Dashed, 6);
        plot.Add.HorizontalLine(TreeCapacity.LabelNoise, color: Colors.Gray).LegendText = "Bayes error (label noise)";
        var best = points.MinBy(p => p.TestError)!;
        plot.Add.VerticalLine(best.MaxDepth, color: Colors.Gray, pattern: LinePattern.Dotted).LegendText = "optimal capacity";
        plot.ShowLegend(Alignment.UpperRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, context.OutputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["max_depth", "leaves", "train_error", "test_error"],
                points.Select(p => (IReadOnlyList<double>)[p.MaxDepth, p.Leaves, p.TrainError, p.TestError])),
        };
        var table = new Table().AddColumns("depth", "leaves", "train error", "test error");
        foreach (var p in points)
            table.AddRow(p.MaxDepth.ToString(), p.Leaves.ToString(), ExperimentFiles.Format(p.TrainError), ExperimentFiles.Format(p.TestError));
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("best depth", best.MaxDepth), new("best test error", best.TestError), new("deepest tree: train error", points[^1].TrainError),
             new("deepest tree: test error", points[^1].TestError), new("depth 1: test error", points[0].TestError)],
            Check(points));
    }

    /// <summary>
    /// Training error never rises by more than rounding as depth grows and ends below a quarter of the noise; the best
    /// test error lies strictly inside the range; the deepest tree's gap is wider than the stump's.
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<CapacityPoint> points)
    {
        bool trainFalls = points.Zip(points.Skip(1)).All(p => p.Second.TrainError <= p.First.TrainError + 1e-12) && points[^1].TrainError < TreeCapacity.LabelNoise / 4;
        var best = points.MinBy(p => p.TestError)!;
        bool u = best.MaxDepth > points[0].MaxDepth && best.MaxDepth < points[^1].MaxDepth && points[^1].TestError > best.TestError;
        double Gap(CapacityPoint p) => p.TestError - p.TrainError;
        return ClaimCheck.That(trainFalls && u && Gap(points[^1]) > Gap(points[0]),
            $"training error {ExperimentFiles.Format(points[0].TrainError)} → {ExperimentFiles.Format(points[^1].TrainError)}; test error {ExperimentFiles.Format(points[0].TestError)} at depth 1, " +
            $"lowest {ExperimentFiles.Format(best.TestError)} at depth {best.MaxDepth}, {ExperimentFiles.Format(points[^1].TestError)} at depth {points[^1].MaxDepth}; " +
            $"gap {ExperimentFiles.Format(Gap(points[0]))} → {ExperimentFiles.Format(Gap(points[^1]))}.");
    }
}
