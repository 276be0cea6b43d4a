using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Renders <see cref="InitScales"/>: the activations' standard deviation against depth per initialisation, and the tanh saturation.</summary>
public sealed class InitScalesExperiment : IExperiment
{
    public const string PlotFile = "init-scales.png", CsvFile = "init-scales.csv";

    public ExperimentInfo Info { get; } = new("init-scales", "Initial weight scales and the signal through depth", Areas.FeedforwardNetworks,
        ["GBC §8.4", "Glorot & Bengio 2010", "He et al. 2015"],
        "With weights too small the signal vanishes geometrically with depth and with N(0, 1) tanh units saturate, while Xavier (for tanh) and Kaiming (for ReLU) scales keep it steady; Xavier with ReLU decays.",
        ["initialisation", "deep networks", "tanh", "relu"], TimeSpan.FromSeconds(3));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (width, depth, batch) = context.Quick ? (128, 8, 256) : (512, 16, 1024);
        var runs = InitScales.Run(width, depth, batch, context.Seed);
        double[] layers = [.. Enumerable.Range(1, depth).Select(l => (double)l)];
        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        var spread = figure.GetPlot(0);
        ExperimentFiles.Style(spread, $"Activations through {depth} layers of width {width}", "layer", "log₁₀ std of the activations");
        var saturation = figure.AddPlot();
        ExperimentFiles.Style(saturation, $"Saturated tanh units (|h| > {InitScales.Saturation})", "layer", "fraction");
        for (int i = 0; i < runs.Count; i++)
        {
            var color = ExperimentFiles.Palette.GetColor(i);
            ExperimentFiles.AddLine(spread, layers, [.. runs[i].ActivationStd.Select(s => Math.Log10(Math.Max(s, 1e-30)))], runs[i].Name, color, markerSize: 5);
            if (!runs[i].Relu) ExperimentFiles.AddLine(saturation, layers, runs[i].SaturatedFraction, runs[i].Name, color, markerSize: 5);
        }
        spread.ShowLegend(Alignment.LowerLeft);
        saturation.ShowLegend(Alignment.UpperLeft);
        var files = new List<string>
        {
            ExperimentFiles.SavePng(figure, context.OutputDirectory, PlotFile, 1400, 600),
            ExperimentFiles.SaveCsv(context.OutputDirectory, CsvFile, ["scheme", "layer", "pre_activation_std", "activation_std", "saturated_fraction"],
                runs.SelectMany((r, i) => Enumerable.Range(0, depth).Select(l => (IReadOnlyList<double>)[i, l + 1, r.PreActivationStd[l], r.ActivationStd[l], r.SaturatedFraction[l]]))),
        };
        var table = new Table().AddColumns("scheme", "std, layer 1", $"std, layer {depth}", $"saturated, layer {depth}");
        foreach (var r in runs)
            table.AddRow(Markup.Escape(r.Name), ExperimentFiles.Format(r.ActivationStd[0]), ExperimentFiles.Format(r.ActivationStd[^1]), r.Relu ? "—" : ExperimentFiles.Format(r.SaturatedFraction[^1]));
        context.Console.Write(table);
        context.Console.MarkupLine("Scheme numbers in the CSV follow the table's order, from 0.");
        return new ExperimentOutcome(files,
            [.. runs.Select(r => new KeyNumber($"{r.Name}: last/first activation std", Ratio(r))), .. runs.Where(r => !r.Relu).Select(r => new KeyNumber($"{r.Name}: saturated, last layer", r.SaturatedFraction[^1]))],
            Check(runs));
    }

    private static double Ratio(InitScaleRun r) => r.ActivationStd[^1] / r.ActivationStd[0];

    /// <summary>
    /// N(0, 0.01²): the last layer's std below 10⁻³ of the first's. N(0, 1) tanh: more than half the last layer saturated.
    /// Xavier-tanh and Kaiming-ReLU: last/first within [½, 2]. Xavier-ReLU: below ¼.
    /// </summary>
    internal static ClaimCheck Check(IReadOnlyList<InitScaleRun> runs)
    {
        var (small, large, xavier, xavierRelu, kaiming) = (runs[0], runs[1], runs[2], runs[3], runs[4]);
        bool holds = Ratio(small) < 1e-3 && large.SaturatedFraction[^1] > 0.5 && Ratio(xavier) is > 0.5 and < 2 && Ratio(kaiming) is > 0.5 and < 2
            && Ratio(xavierRelu) < 0.25;
        return ClaimCheck.That(holds, $"last/first activation std: N(0, 0.01²) {ExperimentFiles.Format(Ratio(small))}, Xavier-tanh {ExperimentFiles.Format(Ratio(xavier))}, " +
            $"Kaiming-ReLU {ExperimentFiles.Format(Ratio(kaiming))}, Xavier-ReLU {ExperimentFiles.Format(Ratio(xavierRelu))}; N(0, 1) tanh saturates {ExperimentFiles.Format(large.SaturatedFraction[^1])} of the last layer.");
    }
}
