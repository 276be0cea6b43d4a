using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="RnnGradientDecay"/>: log₁₀ ‖∂h_t/∂h_{t−k}‖ against k with the bounds ρᵏ, and the CSV.</summary>
public sealed class RnnGradientDecayExperiment : IExperiment
{
    public const string PlotFile = "gradient-decay.png", CsvFile = "gradient-decay.csv";

    public ExperimentInfo Info { get; } = new("rnn-gradient-decay", "Vanishing and exploding gradients through time", Areas.Sequences,
        ["GBC §10.7", "GBC §8.2.5", "Pascanu et al. 2013"],
        "Through a linear recurrence W = ρ·orthogonal the gradient norm ‖∂h_t/∂h_(t−k)‖ is exactly ρᵏ, vanishing for ρ < 1 and exploding for ρ > 1; tanh's saturation only shrinks it further.",
        ["rnn", "vanishing gradients"], TimeSpan.FromSeconds(5));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var curves = context.Quick ? RnnGradientDecay.Run(hidden: 8, maxLag: 12, seed: context.Seed) : RnnGradientDecay.Run(seed: context.Seed);
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
        return new ExperimentOutcome(files, [.. curves.Select(c => new KeyNumber($"{c.Label}: norm at k = {lags}", c.Norms[^1]))], Check(curves));
    }

    /// <summary>Linear curves equal ρᵏ to 1e-9 relative; tanh curves stay under it; ρ &lt; 1 ends below 1 and ρ &gt; 1 above.</summary>
    internal static ClaimCheck Check(IReadOnlyList<GradientDecayCurve> curves)
    {
        bool linearExact = curves.Where(c => !c.Tanh).All(c => c.Norms.Select((n, i) => Math.Abs(n / c.Bound(i + 1) - 1)).Max() < 1e-9);
        bool tanhBelow = curves.Where(c => c.Tanh).All(c => c.Norms.Select((n, i) => n <= c.Bound(i + 1) * (1 + 1e-9)).All(b => b));
        var shrinking = curves.Single(c => !c.Tanh && c.Radius < 1);
        var growing = curves.Single(c => !c.Tanh && c.Radius > 1);
        return ClaimCheck.That(linearExact && tanhBelow && shrinking.Norms[^1] < 1 && growing.Norms[^1] > 1,
            $"linear: norms {(linearExact ? "equal" : "differ from")} ρᵏ; at k = {shrinking.Norms.Length}: ρ = {shrinking.Radius} gives {ExperimentFiles.Format(shrinking.Norms[^1])}, " +
            $"ρ = {growing.Radius} gives {ExperimentFiles.Format(growing.Norms[^1])}; tanh curves {(tanhBelow ? "stay under" : "exceed")} the bound.");
    }

    private static string Column(GradientDecayCurve c) => $"{(c.Tanh ? "tanh" : "linear")}_{c.Radius}";
}
