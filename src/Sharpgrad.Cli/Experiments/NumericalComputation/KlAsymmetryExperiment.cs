using System.Globalization;
using ScottPlot;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="KlAsymmetry"/> as GBC Fig. 3.6: the bimodal p with the Gaussian that minimises KL(p‖q) (spread
/// over both modes) and those that minimise KL(q‖p) (each on one mode).
/// </summary>
public sealed class KlAsymmetryExperiment : IExperiment
{
    public const string PlotFile = "kl-fits.png", DensityCsv = "kl-densities.csv", FitsCsv = "kl-fits.csv";

    /// <summary>Reverse-KL starts in the full run and in the quick one.</summary>
    public const int Starts = 6, QuickStarts = 2;

    public ExperimentInfo Info { get; } = new(
        "kl-asymmetry",
        "Forward and reverse KL fits of a Gaussian to two modes",
        Areas.NumericalComputation,
        ["GBC Fig. 3.6", "GBC §3.13"],
        "Fitting one Gaussian to a two-mode mixture, minimising KL(p‖q) spreads q over both modes (it matches p's mean and "
        + "variance), while minimising KL(q‖p) locks q onto a single mode.",
        ["probability", "KL divergence", "variational inference"],
        TimeSpan.FromSeconds(2));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = KlAsymmetry.Run(context.Quick ? QuickStarts : Starts, context.Seed);
        string directory = context.OutputDirectory;
        GaussianFit[] fits = [result.Forward, .. result.Reverse];
        var files = new List<string>
        {
            ExperimentFiles.SavePng(Plot(result), directory, PlotFile, 900, 500),
            ExperimentFiles.SaveCsv(directory, DensityCsv, ["x", "p", .. fits.Select((_, i) => i == 0 ? "q_forward" : $"q_reverse_{i}")],
                result.Grid.Select((x, k) => (IReadOnlyList<double>)[x, result.Density[k], .. fits.Select(f => Density(f, x))])),
            ExperimentFiles.SaveCsv(directory, FitsCsv, ["forward", "start_mean", "mean", "sigma", "kl_p_q", "kl_q_p"],
                fits.Select((f, i) => (IReadOnlyList<double>)[i == 0 ? 1 : 0, f.StartMean, f.Mean, f.Sigma, f.ForwardKl, f.ReverseKl])),
        };
        return new ExperimentOutcome(files,
        [
            new KeyNumber("forward fit μ", result.Forward.Mean),
            new KeyNumber("forward fit σ (√4.25 = 2.0616 expected)", result.Forward.Sigma),
            new KeyNumber("reverse fits' largest ||μ| − 2|", result.Reverse.Max(f => Math.Abs(Math.Abs(f.Mean) - KlAsymmetry.ModeDistance))),
            new KeyNumber("reverse fits' largest σ", result.Reverse.Max(f => f.Sigma)),
            new KeyNumber("KL(q‖p) at the reverse fits (ln 2 = 0.6931 expected)", result.Reverse.Max(f => f.ReverseKl)),
            new KeyNumber("KL(q‖p) at the forward fit", result.Forward.ReverseKl),
        ], Check(result));
    }

    /// <summary>
    /// The claim on the run's numbers: the forward fit has μ within 0.01 of 0 and σ within 0.01 of √4.25 (both modes
    /// covered); every reverse fit has |μ| within 0.05 of 2, on the side it started, and σ within 0.05 of 0.5 (one mode).
    /// </summary>
    internal static ClaimCheck Check(KlAsymmetryResult r)
    {
        bool forwardCovers = Math.Abs(r.Forward.Mean) < 0.01 && Math.Abs(r.Forward.Sigma - KlAsymmetry.ForwardSigma) < 0.01;
        bool reverseLocks = r.Reverse.Count > 0 && r.Reverse.All(f =>
            Math.Abs(f.Mean - KlAsymmetry.ModeDistance * Math.Sign(f.StartMean)) < 0.05 && Math.Abs(f.Sigma - KlAsymmetry.ModeSigma) < 0.05);
        var means = string.Join(", ", r.Reverse.Select(f => $"N({Rounded(f.Mean, 3)}, {Rounded(f.Sigma, 3)}²)"));
        return new ClaimCheck(forwardCovers && reverseLocks, string.Create(CultureInfo.InvariantCulture,
            $"KL(p‖q) gave N({Rounded(r.Forward.Mean, 4)}, {Rounded(r.Forward.Sigma, 4)}²), matching p's moments N(0, 2.0616²); "
            + $"KL(q‖p) from {r.Reverse.Count} starts gave {means}, {(reverseLocks ? "each" : "not each")} on the mode at ±2 nearest its start."));
    }

    /// <summary>The value to <paramref name="digits"/> decimals, with −0 shown as 0 (adding +0 turns −0 into +0).</summary>
    private static string Rounded(double value, int digits) => (Math.Round(value, digits) + 0.0).ToString(CultureInfo.InvariantCulture);

    private static double Density(GaussianFit fit, double x) =>
        Math.Exp(-0.5 * Math.Pow((x - fit.Mean) / fit.Sigma, 2)) / (fit.Sigma * Math.Sqrt(2 * Math.PI));

    private static Plot Plot(KlAsymmetryResult result)
    {
        var plot = ExperimentFiles.NewPlot("One Gaussian fitted to two modes (GBC Fig. 3.6)", "x", "density");
        ExperimentFiles.AddLine(plot, result.Grid, result.Density, "p (two modes)", Colors.Black);
        ExperimentFiles.AddLine(plot, result.Grid, result.Grid.Select(x => Density(result.Forward, x)).ToArray(), "q* = argmin KL(p‖q)", ExperimentFiles.Palette.GetColor(0));
        for (int i = 0; i < result.Reverse.Count; i++)
            ExperimentFiles.AddLine(plot, result.Grid, result.Grid.Select(x => Density(result.Reverse[i], x)).ToArray(),
                i == 0 ? "q* = argmin KL(q‖p)" : "", ExperimentFiles.Palette.GetColor(3), LinePattern.Dashed);
        plot.Axes.SetLimits(-6, 6, 0, 0.9);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
