using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="EchoStateSweep"/>: test and training NRMSE against the spectral radius, and the CSV.</summary>
public sealed class EchoStateExperiment : IExperiment
{
    public const string PlotFile = "echo-state.png", CsvFile = "echo-state.csv";

    public ExperimentInfo Info { get; } = new("echo-state", "Echo state networks: the spectral radius", Areas.Sequences,
        ["GBC §10.8", "Jaeger & Haas 2004"],
        "A reservoir whose spectral radius is near (below) 1 predicts the Mackey–Glass series far better than a small or a large radius, and far better than persistence.",
        ["reservoir computing", "rnn", "time series"], TimeSpan.FromSeconds(10));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var result = EchoStateSweep.Run(context.Quick, context.Seed);
        var radii = result.Points.Select(p => p.SpectralRadius).ToArray();
        var plot = ExperimentFiles.NewPlot($"ESN on Mackey–Glass, {result.Horizon}-step prediction", "spectral radius ρ(W)", "log₁₀ NRMSE");
        ExperimentFiles.AddLine(plot, radii, result.Points.Select(p => Math.Log10(p.TestNrmse)).ToArray(), "test", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(plot, radii, result.Points.Select(p => Math.Log10(p.TrainNrmse)).ToArray(), "train", ExperimentFiles.Palette.GetColor(1), ScottPlot.LinePattern.Dashed, 6);
        ExperimentFiles.AddLine(plot, [radii[0], radii[^1]], [Math.Log10(result.PersistenceNrmse), Math.Log10(result.PersistenceNrmse)],
            "persistence x̂(t+h) = x(t)", ExperimentFiles.Palette.GetColor(7), ScottPlot.LinePattern.Dotted);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["spectral_radius", "train_nrmse", "test_nrmse", "persistence_nrmse"],
                result.Points.Select(p => (IReadOnlyList<double>)[p.SpectralRadius, p.TrainNrmse, p.TestNrmse, result.PersistenceNrmse])),
        };
        var table = new Table().AddColumns("spectral radius", "train NRMSE", "test NRMSE");
        foreach (var p in result.Points)
            table.AddRow(ExperimentFiles.Format(p.SpectralRadius), ExperimentFiles.Format(p.TrainNrmse), ExperimentFiles.Format(p.TestNrmse));
        table.AddRow("persistence", "", ExperimentFiles.Format(result.PersistenceNrmse));
        console.Write(table);
        return new ExperimentOutcome(files,
            [.. result.Points.Select(p => new KeyNumber($"test NRMSE, ρ = {p.SpectralRadius}", p.TestNrmse)), new("test NRMSE, persistence", result.PersistenceNrmse)],
            Check(result));
    }

    /// <summary>The radius closest to 0.9 beats the smallest and the largest radius by 3× and persistence by 10×.</summary>
    internal static ClaimCheck Check(EchoStateSweepResult result)
    {
        var near = result.Points.MinBy(p => Math.Abs(p.SpectralRadius - 0.9))!;
        var (small, large) = (result.Points[0], result.Points[^1]);
        return ClaimCheck.That(near.TestNrmse < small.TestNrmse / 3 && near.TestNrmse < large.TestNrmse / 3 && near.TestNrmse < result.PersistenceNrmse / 10,
            $"test NRMSE: ρ = {small.SpectralRadius} {ExperimentFiles.Format(small.TestNrmse)}, ρ = {near.SpectralRadius} {ExperimentFiles.Format(near.TestNrmse)}, " +
            $"ρ = {large.SpectralRadius} {ExperimentFiles.Format(large.TestNrmse)}; persistence {ExperimentFiles.Format(result.PersistenceNrmse)}.");
    }
}
