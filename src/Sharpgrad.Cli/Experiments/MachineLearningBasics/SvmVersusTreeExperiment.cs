using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="SvmVersusTree"/>: each model's decision regions on each problem, with the training points.</summary>
public sealed class SvmVersusTreeExperiment : IExperiment
{
    public const string PlotFile = "boundaries.png", CsvFile = "accuracy.csv";

    public ExperimentInfo Info { get; } = new("svm-vs-tree", "Decision boundaries: tree against kernel SVM", Areas.MachineLearningBasics,
        ["GBC §5.7.3"],
        "On the diagonal boundary x₂ > x₁ an unpruned tree needs a staircase of many axis-aligned leaves and generalises worse than an RBF SVM, which draws the diagonal smoothly.",
        ["trees", "kernel methods", "classification"], TimeSpan.FromSeconds(5));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var results = SvmVersusTree.Run(context.Seed);
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Grid(SvmVersusTree.Problems.Length, 2) };
        for (int i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var plot = i == 0 ? figure.GetPlot(0) : figure.AddPlot();
            ExperimentFiles.Style(plot, $"{r.Model} on {r.Problem}: test accuracy {r.TestAccuracy:P1}", "x₁", "x₂");
            var regions = plot.Add.Heatmap(Flipped(r.GridPredictions));
            regions.Colormap = new ScottPlot.Colormaps.Blues();
            regions.Extent = new CoordinateRect(0, 1, 0, 1);
            var (x, y) = SvmVersusTree.Sample(r.Problem, SvmVersusTree.TrainSize, new Generator(0));
            var labels = y.ToArray<long>();
            for (int label = 0; label < 2; label++)
            {
                var rows = Tensor.FromArray(Enumerable.Range(0, labels.Length).Where(k => labels[k] == label).Select(k => (long)k).ToArray());
                var members = x.IndexSelect(0, rows);
                ExperimentFiles.AddPoints(plot, members[.., 0].ToArray<double>(), members[.., 1].ToArray<double>(), $"class {label}",
                    ExperimentFiles.Palette.GetColor(label == 0 ? 1 : 2), size: 4);
            }
            plot.Axes.SetLimits(0, 1, 0, 1);
        }
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, outputDirectory, PlotFile, 1100, 1000),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["problem", "model", "train_accuracy", "test_accuracy", "leaves"],
                results.Select((r, i) => (IReadOnlyList<double>)[Array.IndexOf(SvmVersusTree.Problems, r.Problem), i % 2, r.TrainAccuracy, r.TestAccuracy, r.Leaves ?? double.NaN])),
        };
        var table = new Table().AddColumns("problem", "model", "train accuracy", "test accuracy", "leaves");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Problem), r.Model, ExperimentFiles.Format(r.TrainAccuracy), ExperimentFiles.Format(r.TestAccuracy), r.Leaves?.ToString() ?? "—");
        console.Write(table);
        var (tree, svm) = Diagonal(results);
        return new ExperimentOutcome(files,
            [new("tree leaves on x₂ > x₁", tree.Leaves ?? 0), new("tree test accuracy", tree.TestAccuracy), new("SVM test accuracy", svm.TestAccuracy)],
            Check(results));
    }

    private static (DecisionBoundary Tree, DecisionBoundary Svm) Diagonal(IReadOnlyList<DecisionBoundary> results) =>
        (results.Single(r => r.Problem == "x2 > x1" && r.Model == "decision tree"), results.Single(r => r.Problem == "x2 > x1" && r.Model == "RBF SVM"));

    /// <summary>On the diagonal problem: at least 8 leaves for the tree, and the SVM more accurate on the test set.</summary>
    internal static ClaimCheck Check(IReadOnlyList<DecisionBoundary> results)
    {
        var (tree, svm) = Diagonal(results);
        return ClaimCheck.That(tree.Leaves >= 8 && svm.TestAccuracy > tree.TestAccuracy,
            $"on x₂ > x₁ the tree uses {tree.Leaves} leaves for test accuracy {ExperimentFiles.Format(tree.TestAccuracy)}; the RBF SVM reaches {ExperimentFiles.Format(svm.TestAccuracy)}.");
    }

    /// <summary>ScottPlot draws a heat map's first row at the top; our rows run upwards in x₂.</summary>
    private static double[,] Flipped(double[,] m)
    {
        int n = m.GetLength(0), k = m.GetLength(1);
        var flipped = new double[n, k];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < k; c++) flipped[r, c] = m[n - 1 - r, c];
        return flipped;
    }
}
