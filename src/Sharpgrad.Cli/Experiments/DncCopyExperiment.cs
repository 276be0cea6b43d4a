using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="DncCopy"/>: the training loss curve, and heat maps (time × memory cell) of the usage, the write
/// weighting and the read weighting over one copy sequence; the numbers as CSV.
/// </summary>
public sealed class DncCopyExperiment : IExperiment
{
    public const string LossPlot = "dnc-copy-loss.png", MemoryPlot = "dnc-copy-memory.png", LossCsv = "dnc-copy-loss.csv", MemoryCsv = "dnc-copy-memory.csv";

    public string Id => "dnc-copy";

    public string Description =>
        $"A DNC ({DncCopy.Cells} cells, 1 read head) learns Buduma's copy task ({DncCopy.Length} vectors of {DncCopy.Bits} bits); usage and weightings over one sequence (Buduma ch8).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var result = DncCopy.Run();
        var files = Write(result, outputDirectory);
        var losses = result.Training.Losses;
        console.MarkupLine($"DNC copy: {losses.Length} steps; loss per bit {ExperimentFiles.Format(losses.Take(50).Average())} → " +
            $"{ExperimentFiles.Format(losses.TakeLast(50).Average())}; bit errors on the replayed sequence: {ExperimentFiles.Format(result.SequenceBitErrors)}");
        return files;
    }

    /// <summary>Writes the two figures and two CSV files for <paramref name="result"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(DncCopyResult result, string directory)
    {
        var run = result.Training;
        var lossPlot = ExperimentFiles.NewPlot("DNC on the copy task", "step", "loss per answer bit / bit errors per sequence");
        double[] steps = [.. Enumerable.Range(0, run.Losses.Length).Select(k => (double)k)];
        ExperimentFiles.AddLine(lossPlot, steps, run.Losses, "loss per bit", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(lossPlot, steps, run.BitErrors, "bit errors", ExperimentFiles.Palette.GetColor(1));
        lossPlot.ShowLegend(Alignment.UpperRight);

        var figure = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        Heatmap(figure.GetPlot(0), result.Usage, "usage u_t");
        Heatmap(figure.AddPlot(), result.WriteWeights, "write weighting");
        Heatmap(figure.AddPlot(), result.ReadWeights, "read weighting");

        int time = result.Usage.GetLength(0), cells = result.Usage.GetLength(1);
        return
        [
            ExperimentFiles.SavePng(lossPlot, directory, LossPlot),
            ExperimentFiles.SavePng(figure, directory, MemoryPlot, 1500, 500),
            ExperimentFiles.SaveCsv(directory, LossCsv, ["step", "loss", "bit_errors"],
                steps.Select(k => (IReadOnlyList<double>)[k, run.Losses[(int)k], run.BitErrors[(int)k]])),
            ExperimentFiles.SaveCsv(directory, MemoryCsv, ["step", "cell", "usage", "write", "read"],
                Enumerable.Range(0, time * cells).Select(k => (IReadOnlyList<double>)
                    [k / cells, k % cells, result.Usage[k / cells, k % cells], result.WriteWeights[k / cells, k % cells], result.ReadWeights[k / cells, k % cells]])),
        ];
    }

    /// <summary>A time × cell map scaled 0 … 1. The heat map draws row t at y = T − 1 − t, so the ticks are labelled with t: time runs down.</summary>
    private static void Heatmap(Plot plot, double[,] values, string title)
    {
        ExperimentFiles.Style(plot, title, "memory cell", "time step");
        var map = plot.Add.Heatmap(values);
        map.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(map);
        int time = values.GetLength(0);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, time).Select(t => (double)(time - 1 - t))], [.. Enumerable.Range(0, time).Select(t => t.ToString())]);
    }
}
