using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="LongLagMemory"/>: success rate against lag for the RNN and the LSTM, with chance, and the CSV.</summary>
public sealed class LongLagExperiment(bool quick = false) : IExperiment
{
    public const string PlotFile = "long-lag.png", CsvFile = "long-lag.csv";

    public string Id => "long-lag";

    public string Description =>
        "Remember a symbol across L random distractors: success rate against L for a tanh RNN and an LSTM of the same size (GBC §10.7, §10.10; Hochreiter & Schmidhuber 1997).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var points = LongLagMemory.Run(quick);
        var lags = LongLagMemory.Lags(quick).Select(l => (double)l).ToArray();
        var plot = ExperimentFiles.NewPlot("Long-lag memory task", "lag L (distractor steps)", "success rate on fresh sequences");
        foreach (var (architecture, i) in new[] { (RecurrentArchitecture.Rnn, 0), (RecurrentArchitecture.Lstm, 1) })
            ExperimentFiles.AddLine(plot, lags, points.Where(p => p.Architecture == architecture).Select(p => p.SuccessRate).ToArray(),
                architecture == RecurrentArchitecture.Rnn ? "tanh RNN" : "LSTM", ExperimentFiles.Palette.GetColor(i), markerSize: 7);
        ExperimentFiles.AddLine(plot, [lags[0], lags[^1]], [1.0 / LongLagMemory.Symbols, 1.0 / LongLagMemory.Symbols], "chance",
            ExperimentFiles.Palette.GetColor(7), ScottPlot.LinePattern.Dotted);
        plot.Axes.SetLimitsY(0, 1.05);
        plot.ShowLegend(ScottPlot.Alignment.LowerLeft);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["lag", "rnn_success", "lstm_success", "rnn_final_loss", "lstm_final_loss"],
                LongLagMemory.Lags(quick).Select(lag =>
                {
                    var rnn = points.Single(p => p.Lag == lag && p.Architecture == RecurrentArchitecture.Rnn);
                    var lstm = points.Single(p => p.Lag == lag && p.Architecture == RecurrentArchitecture.Lstm);
                    return (IReadOnlyList<double>)[lag, rnn.SuccessRate, lstm.SuccessRate, rnn.FinalLoss, lstm.FinalLoss];
                })),
        };
        console.MarkupLine($"{LongLagMemory.Symbols} symbols, hidden {LongLagMemory.Hidden}, {LongLagMemory.Steps(quick)} Adam steps of batch {LongLagMemory.BatchSize}; chance = {1.0 / LongLagMemory.Symbols:0.00}");
        var table = new Table().AddColumns("lag", "tanh RNN success", "LSTM success");
        foreach (var lag in LongLagMemory.Lags(quick))
            table.AddRow(lag.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ExperimentFiles.Format(points.Single(p => p.Lag == lag && p.Architecture == RecurrentArchitecture.Rnn).SuccessRate),
                ExperimentFiles.Format(points.Single(p => p.Lag == lag && p.Architecture == RecurrentArchitecture.Lstm).SuccessRate));
        console.Write(table);
        return files;
    }
}
