using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="RnnGradientDecay"/>: log₁₀ ‖∂h_t/∂h_{t−k}‖ against k with the bounds ρᵏ, and the CSV.</summary>
public sealed class RnnGradientDecayExperiment(bool quick = false) : IExperiment
{
    public const string PlotFile = "gradient-decay.png", CsvFile = "gradient-decay.csv";

    public string Id => "rnn-gradient-decay";

    public string Description =>
        "‖∂h_t/∂h_{t−k}‖ against k for linear and tanh RNNs with W = ρ·orthogonal, ρ = 0.9 and 1.1, against the bound ρᵏ: vanishing and exploding gradients (GBC §10.7).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var curves = quick ? RnnGradientDecay.Run(hidden: 8, maxLag: 12) : RnnGradientDecay.Run();
        int lags = curves[0].Norms.Length;
        var plot = ExperimentFiles.NewPlot("Gradients through time, W = ρ·orthogonal", "k (steps back)", "log₁₀ ‖∂h_t/∂h_(t−k)‖₂");
        var ks = Enumerable.Range(1, lags).Select(k => (double)k).ToArray();
        for (int i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            var color = ExperimentFiles.Palette.GetColor(i);
            ExperimentFiles.AddLine(plot, ks, c.Norms.Select(Math.Log10).ToArray(), c.Label, color, markerSize: c.Tanh ? 5 : 0);
            if (!c.Tanh)
                ExperimentFiles.AddLine(plot, ks, ks.Select(k => Math.Log10(c.Bound((int)k))).ToArray(), $"bound ρᵏ, ρ = {c.Radius}", color, LinePattern.Dotted);
        }
        plot.ShowLegend(Alignment.UpperLeft);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile,
                ["k", .. curves.SelectMany(c => c.Tanh ? new[] { Column(c) } : [$"bound_{c.Radius}", Column(c)])],
                Enumerable.Range(1, lags).Select(k => (IReadOnlyList<double>)[k, .. curves.SelectMany(c => c.Tanh ? new[] { c.Norms[k - 1] } : [c.Bound(k), c.Norms[k - 1]])])),
        };
        var table = new Table().AddColumns("recurrence", "k = 1", "k = 10", $"k = {lags}", $"bound ρ^{lags}");
        foreach (var c in curves)
            table.AddRow(c.Label, ExperimentFiles.Format(c.Norms[0]), ExperimentFiles.Format(c.Norms[Math.Min(9, lags - 1)]),
                ExperimentFiles.Format(c.Norms[^1]), ExperimentFiles.Format(c.Bound(lags)));
        console.Write(table);
        return files;
    }

    private static string Column(GradientDecayCurve c) => $"{(c.Tanh ? "tanh" : "linear")}_{c.Radius}";
}
