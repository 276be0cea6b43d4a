using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="EchoStateSweep"/>: test and training NRMSE against the spectral radius, and the CSV.</summary>
public sealed class EchoStateExperiment(bool quick = false) : IExperiment
{
    public const string PlotFile = "echo-state.png", CsvFile = "echo-state.csv";

    public string Id => "echo-state";

    public string Description =>
        $"An echo state network with a ridge readout predicting Mackey–Glass (τ = 17) {EchoStateSweep.Horizon} steps ahead: error against the reservoir's spectral radius (GBC §10.8).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var result = EchoStateSweep.Run(quick);
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
        return files;
    }
}
