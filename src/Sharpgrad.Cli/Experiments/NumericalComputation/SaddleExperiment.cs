using System.Globalization;
using ScottPlot;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="SaddlePoint"/>: the level curves of x₁² − x₂² with the gradient-descent and Newton paths from
/// seeded starts near the saddle, and the distance from the saddle against the step for both methods.
/// </summary>
public sealed class SaddleExperiment : IExperiment
{
    public const string PathsFile = "saddle-paths.png", CsvFile = "saddle-paths.csv";

    /// <summary>Starts in the full run and in the quick one.</summary>
    public const int Starts = 6, QuickStarts = 3;

    public ExperimentInfo Info { get; } = new(
        "saddle",
        "Gradient descent and Newton's method at a saddle point",
        Areas.NumericalComputation,
        ["GBC §4.3", "GBC Fig. 4.5", "GBC §8.2.3"],
        "Near the saddle point of x₁² − x₂², gradient descent escapes downhill along the negative-curvature direction, "
        + "while Newton's method jumps straight onto the saddle in one step.",
        ["optimisation", "Newton's method", "saddle points"],
        TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var runs = SaddlePoint.Run(context.Quick ? QuickStarts : Starts, context.Seed);
        string directory = context.OutputDirectory;
        var files = new List<string>
        {
            ExperimentFiles.SavePng(PathsPlot(runs), directory, PathsFile),
            ExperimentFiles.SaveCsv(directory, CsvFile, ["start", "step", "gd_x1", "gd_x2", "newton_x1", "newton_x2"],
                runs.SelectMany((run, s) => run.GradientDescent.Select((x, k) =>
                    (IReadOnlyList<double>)[s, k, x[0], x[1], run.Newton[k][0], run.Newton[k][1]]))),
        };
        return new ExperimentOutcome(files,
        [
            new KeyNumber($"smallest |x₂| growth over {SaddlePoint.Steps} GD steps", runs.Min(r => Math.Abs(r.GradientDescent[^1][1] / r.Start[1]))),
            new KeyNumber($"largest f after {SaddlePoint.Steps} GD steps", runs.Max(r => SaddlePoint.Value(r.GradientDescent[^1]))),
            new KeyNumber("largest distance from the saddle after 1 Newton step", runs.Max(r => Norm(r.Newton[1]))),
        ], Check(runs));
    }

    /// <summary>
    /// The claim on the run's numbers: from every start, gradient descent ends with f below −1 (it left the saddle
    /// downhill, |x₂| having grown by (1 + 2α)³⁰ ≈ 237), and Newton's first step lands within 1e-12 of (0, 0).
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<SaddleRun> runs)
    {
        double worstGd = runs.Max(r => SaddlePoint.Value(r.GradientDescent[^1]));
        double worstNewton = runs.Max(r => Norm(r.Newton[1]));
        bool holds = runs.Count > 0 && worstGd < -1 && worstNewton < 1e-12;
        return new ClaimCheck(holds, string.Create(CultureInfo.InvariantCulture,
            $"From {runs.Count} starts within 0.1 of the x₁ axis, {SaddlePoint.Steps} gradient-descent steps (α = {SaddlePoint.Alpha}) ended at "
            + $"f ≤ {worstGd:0.###} (escaping along x₂), while one Newton step ended at most {worstNewton:0.0E+0} from the saddle (0, 0)."));
    }

    private static double Norm(double[] x) => Math.Sqrt(x[0] * x[0] + x[1] * x[1]);

    private static Plot PathsPlot(IReadOnlyList<SaddleRun> runs)
    {
        var plot = ExperimentFiles.NewPlot("Near the saddle of x₁² − x₂²: gradient descent vs Newton", "x₁", "x₂");
        var t = Enumerable.Range(-100, 201).Select(k => 2.0 * k / 100).ToArray();
        foreach (double level in (double[])[-2, -1, -0.25, 0.25, 1, 2])
        {
            // x₁² − x₂² = c: x₁ = ±√c cosh t, x₂ = √c sinh t for c > 0, and the same with x₁ and x₂ swapped for c < 0.
            double r = Math.Sqrt(Math.Abs(level));
            foreach (double sign in (double[])[-1, 1])
            {
                var along = t.Select(s => sign * r * Math.Cosh(s)).ToArray();
                var across = t.Select(s => r * Math.Sinh(s)).ToArray();
                var curve = level > 0 ? plot.Add.Scatter(along, across, Colors.Gray) : plot.Add.Scatter(across, along, Colors.Gray);
                curve.MarkerSize = 0;
                curve.LineWidth = 1;
            }
        }
        for (int s = 0; s < runs.Count; s++)
        {
            var gd = runs[s].GradientDescent;
            ExperimentFiles.AddLine(plot, gd.Select(x => x[0]).ToArray(), gd.Select(x => x[1]).ToArray(), s == 0 ? "gradient descent" : "",
                ExperimentFiles.Palette.GetColor(0), markerSize: 5);
            ExperimentFiles.AddLine(plot, [runs[s].Start[0], runs[s].Newton[1][0]], [runs[s].Start[1], runs[s].Newton[1][1]], s == 0 ? "Newton (one step)" : "",
                ExperimentFiles.Palette.GetColor(3), LinePattern.Dashed, markerSize: 7);
        }
        plot.Axes.SetLimits(-1.5, 1.5, -4, 4);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
