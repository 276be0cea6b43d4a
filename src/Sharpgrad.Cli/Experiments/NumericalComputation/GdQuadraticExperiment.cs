using System.Globalization;
using ScottPlot;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="GdQuadratic"/>: the zig-zag path at α = 1/3 drawn over the level sets of f, and the measured
/// contraction per step against α next to the closed form max |1 − αλᵢ|.
/// </summary>
public sealed class GdQuadraticExperiment : IExperiment
{
    public const string PathFile = "gd-path.png", RateFile = "gd-rate.png", PathCsv = "gd-path.csv", RateCsv = "gd-rate.csv";

    /// <summary>How closely the measured rate must match the closed form (relative): only rounding separates them.</summary>
    internal const double RateTolerance = 1e-9;

    public ExperimentInfo Info { get; } = new(
        "gd-quadratic",
        "Gradient descent on an ill-conditioned quadratic",
        Areas.NumericalComputation,
        ["CLS Fig. 3.21", "GBC §4.3"],
        "Gradient descent on ½(x₁² + 5x₂²) from (−3, 2) contracts each coordinate by |1 − αλᵢ| per step: at α = 1/3 it zig-zags "
        + "across the valley at the best possible rate 2/3, and it diverges for α > 2/λ_max = 0.4.",
        ["optimisation", "gradient descent", "conditioning"],
        TimeSpan.FromSeconds(1));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = GdQuadratic.Run();
        string directory = context.OutputDirectory;
        var files = new List<string>
        {
            ExperimentFiles.SavePng(PathPlot(result), directory, PathFile),
            ExperimentFiles.SavePng(RatePlot(result), directory, RateFile),
            ExperimentFiles.SaveCsv(directory, PathCsv, ["step", "x1", "x2", "f"],
                result.Path.Select((x, k) => (IReadOnlyList<double>)[k, x[0], x[1], GdQuadratic.Value(x)])),
            ExperimentFiles.SaveCsv(directory, RateCsv, ["alpha", "measured_rate", "closed_form_rate"],
                result.Alphas.Select((a, i) => (IReadOnlyList<double>)[a, result.MeasuredRates[i], result.ClosedFormRates[i]])),
        };
        int best = Array.IndexOf(result.MeasuredRates, result.MeasuredRates.Min());
        return new ExperimentOutcome(files,
        [
            new KeyNumber("rate at α = 1/3", result.MeasuredRates[Array.IndexOf(result.Alphas, GdQuadratic.Alpha)]),
            new KeyNumber("best α on the sweep", result.Alphas[best]),
            new KeyNumber("f after 12 steps at α = 1/3", GdQuadratic.Value(result.Path[^1])),
            new KeyNumber("largest |measured − closed-form rate|", result.MeasuredRates.Zip(result.ClosedFormRates, (m, c) => Math.Abs(m - c)).Max()),
        ], Check(result));
    }

    /// <summary>
    /// The claim on the run's numbers: x₂ changes sign on every step of the path while x₁ keeps its sign; every measured
    /// rate equals max |1 − αλᵢ| to rounding; the smallest rate of the sweep is at α = 1/3 and equals 2/3; every α above
    /// 0.4 has rate &gt; 1 (divergence) and every α below it rate &lt; 1.
    /// </summary>
    internal static ClaimCheck Check(GdQuadraticResult r)
    {
        bool zigZag = r.Path.Skip(1).Select((x, k) => Math.Sign(x[1]) == -Math.Sign(r.Path[k][1]) && Math.Sign(x[0]) == Math.Sign(r.Path[k][0])).All(b => b);
        double worstError = r.MeasuredRates.Zip(r.ClosedFormRates, (m, c) => Math.Abs(m - c) / c).Max();
        int best = Array.IndexOf(r.MeasuredRates, r.MeasuredRates.Min());
        bool bestAtOptimum = r.Alphas[best] == GdQuadratic.Alpha && Math.Abs(r.MeasuredRates[best] - 2.0 / 3) < RateTolerance;
        bool divergesPastLimit = r.Alphas.Select((a, i) => a > 0.4 + 1e-12 ? r.MeasuredRates[i] > 1 : a < 0.4 - 1e-12 ? r.MeasuredRates[i] < 1 : true).All(b => b);
        bool holds = zigZag && worstError < RateTolerance && bestAtOptimum && divergesPastLimit;
        return new ClaimCheck(holds, string.Create(CultureInfo.InvariantCulture,
            $"x₂ {(zigZag ? "changed" : "did not change")} sign on every one of {r.Path.Length - 1} steps; the measured rates matched max |1 − αλᵢ| "
            + $"to {worstError:0.0E+0} (relative); the best α of the sweep was {r.Alphas[best]:0.####} with rate {r.MeasuredRates[best]:0.######} (2/3 expected); "
            + $"rates {(divergesPastLimit ? "were" : "were not")} > 1 exactly for α > 0.4."));
    }

    private static Plot PathPlot(GdQuadraticResult result)
    {
        var plot = ExperimentFiles.NewPlot("Gradient descent on ½(x₁² + 5x₂²), α = 1/3", "x₁", "x₂");
        var angles = Enumerable.Range(0, 201).Select(k => 2 * Math.PI * k / 200).ToArray();
        foreach (var level in result.Path.Take(6).Select(GdQuadratic.Value))
        {
            // The level set ½(x₁² + 5x₂²) = c is the ellipse x₁ = √(2c) cos t, x₂ = √(2c/5) sin t.
            var contour = plot.Add.Scatter(angles.Select(t => Math.Sqrt(2 * level) * Math.Cos(t)).ToArray(),
                angles.Select(t => Math.Sqrt(2 * level / GdQuadratic.Curvatures[1]) * Math.Sin(t)).ToArray(), Colors.Gray);
            contour.MarkerSize = 0;
            contour.LineWidth = 1;
        }
        ExperimentFiles.AddLine(plot, result.Path.Select(x => x[0]).ToArray(), result.Path.Select(x => x[1]).ToArray(),
            "gradient descent from (−3, 2)", ExperimentFiles.Palette.GetColor(3), markerSize: 7);
        plot.Axes.SquareUnits();
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static Plot RatePlot(GdQuadraticResult result)
    {
        var plot = ExperimentFiles.NewPlot("Contraction per step against the step size", "α", "rate per step");
        var fine = Enumerable.Range(0, 241).Select(k => 0.48 * k / 240).ToArray();
        ExperimentFiles.AddLine(plot, fine, fine.Select(GdQuadratic.ClosedFormRate).ToArray(), "max |1 − αλᵢ| (closed form)", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddPoints(plot, result.Alphas, result.MeasuredRates, "measured, 20 steps", ExperimentFiles.Palette.GetColor(3));
        var one = plot.Add.HorizontalLine(1, color: Colors.Gray, pattern: LinePattern.Dashed);
        one.LegendText = "rate 1: divergence above";
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
