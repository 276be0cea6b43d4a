using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="Xor"/>: the four points in the original space and in the book network's learned space h (GBC Fig. 6.1).</summary>
public sealed class XorExperiment : IExperiment
{
    public const string PlotFile = "xor.png", CsvFile = "xor.csv";

    public ExperimentInfo Info { get; } = new("xor", "Learning XOR", Areas.FeedforwardNetworks, ["GBC §6.1", "GBC Fig. 6.1"],
        "A linear model cannot learn XOR (least squares gives w = 0, b = ½), while the book's one-hidden-layer ReLU network maps the points into a space where they are separable and solves it exactly, and gradient descent finds such a solution from most random starts.",
        ["xor", "representation", "relu"], TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var r = Xor.Run(context.Seed);
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        Panel(figure.GetPlot(0), "Original x space", "x₁", "x₂", i => (Xor.Inputs[i, 0], Xor.Inputs[i, 1]));
        Panel(figure.AddPlot(), "Learned h space", "h₁", "h₂", i => (r.BookHidden[i, 0], r.BookHidden[i, 1]));
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, context.OutputDirectory, PlotFile, 1100, 500),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["x1", "x2", "target", "h1", "h2", "book_output", "linear_output"],
                Enumerable.Range(0, 4).Select(i => (IReadOnlyList<double>)[Xor.Inputs[i, 0], Xor.Inputs[i, 1], Xor.Targets[i], r.BookHidden[i, 0], r.BookHidden[i, 1],
                    r.BookOutputs[i], Xor.Inputs[i, 0] * r.LinearWeights[0] + Xor.Inputs[i, 1] * r.LinearWeights[1] + r.LinearBias])),
        };
        var table = new Table().AddColumns("model", "result");
        table.AddRow("linear least squares", $"w = ({ExperimentFiles.Format(r.LinearWeights[0])}, {ExperimentFiles.Format(r.LinearWeights[1])}), b = {ExperimentFiles.Format(r.LinearBias)}, MSE {ExperimentFiles.Format(r.LinearMse)}");
        table.AddRow("book's ReLU network", $"outputs {string.Join(", ", r.BookOutputs.Select(ExperimentFiles.Format))}");
        table.AddRow($"trained 2–{Xor.Hidden}–1 ReLU network", $"{r.Solved} of {Xor.Starts} random starts solved it; MSEs {string.Join(", ", r.TrainedMses.Select(ExperimentFiles.Format))} after {Xor.Steps} Adam steps");
        context.Console.Write(table);
        return new ExperimentOutcome(files,
            [new("linear w₁", r.LinearWeights[0]), new("linear w₂", r.LinearWeights[1]), new("linear b", r.LinearBias), new("linear MSE", r.LinearMse),
             new("book network MSE", r.BookOutputs.Zip(Xor.Targets, (o, t) => (o - t) * (o - t)).Average()), new("trained networks: best MSE", r.TrainedMses.Min()), new("trained networks: starts solved", r.Solved)],
            Check(r));
    }

    private static void Panel(Plot plot, string title, string xLabel, string yLabel, Func<int, (double X, double Y)> point)
    {
        ExperimentFiles.Style(plot, title, xLabel, yLabel);
        for (int label = 0; label < 2; label++)
        {
            var members = Enumerable.Range(0, 4).Where(i => Xor.Targets[i] == label).Select(point).ToArray();
            ExperimentFiles.AddPoints(plot, [.. members.Select(p => p.X)], [.. members.Select(p => p.Y)], $"y = {label}", ExperimentFiles.Palette.GetColor(label), size: 14);
        }
        plot.Axes.SetLimits(-0.3, 2.3, -0.3, 1.3);
        plot.ShowLegend(Alignment.UpperRight);
    }

    /// <summary>The linear fit is w = 0, b = ½ to rounding; the book's network outputs the targets exactly; most random starts train to MSE &lt; 10⁻³.</summary>
    internal static ClaimCheck Check(XorResult r)
    {
        bool linear = r.LinearWeights.All(w => Math.Abs(w) < 1e-9) && Math.Abs(r.LinearBias - 0.5) < 1e-9;
        bool book = r.BookOutputs.SequenceEqual(Xor.Targets);
        return ClaimCheck.That(linear && book && 2 * r.Solved > Xor.Starts,
            $"least squares: w = ({ExperimentFiles.Format(r.LinearWeights[0])}, {ExperimentFiles.Format(r.LinearWeights[1])}), b = {ExperimentFiles.Format(r.LinearBias)} (MSE {ExperimentFiles.Format(r.LinearMse)}); " +
            $"the book's network outputs {string.Join(", ", r.BookOutputs)} for targets 0, 1, 1, 0; {r.Solved} of {Xor.Starts} trained networks reach MSE < {Xor.SolvedMse} " +
            $"(the others stop at the linear solution's ¼ or near it: {string.Join(", ", r.TrainedMses.Select(ExperimentFiles.Format))}).");
    }
}
