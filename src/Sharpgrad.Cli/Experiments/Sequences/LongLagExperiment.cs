using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="LongLagMemory"/>: success rate against lag for the RNN and the LSTM, with chance, and the CSV.</summary>
public sealed class LongLagExperiment : IExperiment
{
    public const string PlotFile = "long-lag.png", CsvFile = "long-lag.csv";

    public ExperimentInfo Info { get; } = new("long-lag", "Remembering across long lags: RNN against LSTM", Areas.Sequences,
        ["GBC §10.10", "GBC §10.7", "Hochreiter & Schmidhuber 1997"],
        "There are lags at which the LSTM remembers the first symbol (success above 0.9) while a tanh RNN with the same budget is near chance.",
        ["lstm", "rnn", "long-term dependencies"], TimeSpan.FromMinutes(5));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        bool quick = context.Quick;
        var points = LongLagMemory.Run(quick, context.Seed);
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
        return new ExperimentOutcome(files,
            [.. points.Select(p => new KeyNumber($"{(p.Architecture == RecurrentArchitecture.Rnn ? "RNN" : "LSTM")} success, lag {p.Lag}", p.SuccessRate))],
            Check(points));
    }

    /// <summary>Some lag has LSTM success above 0.9 and RNN success below 0.5 (chance is 0.25).</summary>
    internal static ClaimCheck Check(IReadOnlyList<LongLagPoint> points)
    {
        var pairs = points.GroupBy(p => p.Lag).Select(g => (Lag: g.Key, Rnn: g.Single(p => p.Architecture == RecurrentArchitecture.Rnn).SuccessRate,
            Lstm: g.Single(p => p.Architecture == RecurrentArchitecture.Lstm).SuccessRate)).ToList();
        var shown = pairs.Where(p => p.Lstm > 0.9 && p.Rnn < 0.5).ToList();
        return ClaimCheck.That(shown.Count > 0, shown.Count > 0
            ? $"at lag{(shown.Count > 1 ? "s" : "")} {string.Join(", ", shown.Select(p => p.Lag))} the LSTM succeeds ({string.Join(", ", shown.Select(p => ExperimentFiles.Format(p.Lstm)))}) where the RNN does not ({string.Join(", ", shown.Select(p => ExperimentFiles.Format(p.Rnn)))}; chance 0.25)."
            : $"no lag separates them: {string.Join("; ", pairs.Select(p => $"lag {p.Lag}: RNN {ExperimentFiles.Format(p.Rnn)}, LSTM {ExperimentFiles.Format(p.Lstm)}"))}.");
    }
}
