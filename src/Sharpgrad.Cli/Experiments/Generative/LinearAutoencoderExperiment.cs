using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="LinearAutoencoder"/>: the largest principal angle to the PCA subspace and the MSE against the step.</summary>
public sealed class LinearAutoencoderExperiment : IExperiment
{
    public const string PlotFile = "linear-autoencoder.png", CsvFile = "linear-autoencoder.csv";

    public ExperimentInfo Info { get; } = new("linear-autoencoder", "A linear autoencoder finds the PCA subspace", Areas.Generative,
        ["GBC §14.1", "Baldi & Hornik 1989"],
        "A linear autoencoder trained on squared error spans the principal subspace: its principal angles to PCA's subspace go to zero and its error to PCA's.",
        ["autoencoder", "pca"], TimeSpan.FromSeconds(5));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var r = LinearAutoencoder.Run(seed: context.Seed);
        var steps = r.Steps.Select(s => (double)s).ToArray();
        var figure = new ScottPlot.Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        var angle = figure.GetPlot(0);
        ExperimentFiles.Style(angle, "largest principal angle to the PCA subspace", $"L-BFGS step ({LinearAutoencoder.IterationsPerStep} iterations each)", "degrees (log scale)");
        ExperimentFiles.AddLine(angle, steps, r.MaxAngleDegrees.Select(a => Math.Log10(Math.Max(a, 1e-6))).ToArray(), "autoencoder vs PCA", ExperimentFiles.Palette.GetColor(0));
        angle.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
        };
        var mse = figure.AddPlot();
        ExperimentFiles.Style(mse, "reconstruction error", "L-BFGS step", "mean squared error");
        ExperimentFiles.AddLine(mse, steps, r.Mse, "linear autoencoder", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(mse, [steps[0], steps[^1]], [r.PcaMse, r.PcaMse], $"PCA, {r.CodeSize} components", ExperimentFiles.Palette.GetColor(1), ScottPlot.LinePattern.Dashed);
        mse.ShowLegend(ScottPlot.Alignment.UpperRight);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, outputDirectory, PlotFile, 1300, 550),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["step", "max_principal_angle_degrees", "mse"],
                r.Steps.Select((s, i) => (IReadOnlyList<double>)[s, r.MaxAngleDegrees[i], r.Mse[i]])),
        };
        console.MarkupLine($"Digits (80% split), code size {r.CodeSize}: final principal angles (degrees) {string.Join(", ", r.FinalAnglesDegrees.Select(ExperimentFiles.Format))}");
        console.MarkupLine($"MSE: autoencoder {ExperimentFiles.Format(r.Mse[^1])}, PCA {ExperimentFiles.Format(r.PcaMse)}");
        return new ExperimentOutcome(files,
            [new("largest principal angle at the start (degrees)", r.MaxAngleDegrees[0]), new("largest final principal angle (degrees)", r.FinalAnglesDegrees.Max()),
             new("autoencoder MSE", r.Mse[^1]), new("PCA MSE", r.PcaMse)],
            Check(r));
    }

    /// <summary>Every final principal angle under 1°, and the MSE within 1% of PCA's (the optimum).</summary>
    internal static ClaimCheck Check(LinearAutoencoderResult r) => ClaimCheck.That(r.FinalAnglesDegrees.Max() < 1 && r.Mse[^1] <= r.PcaMse * 1.01,
        $"largest principal angle {ExperimentFiles.Format(r.MaxAngleDegrees[0])}° → {ExperimentFiles.Format(r.FinalAnglesDegrees.Max())}°; " +
        $"MSE {ExperimentFiles.Format(r.Mse[^1])} against PCA's {ExperimentFiles.Format(r.PcaMse)}.");
}
