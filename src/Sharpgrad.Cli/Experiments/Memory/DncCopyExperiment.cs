using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="DncCopy"/>: the training loss curve, and heat maps (time × memory cell) of the usage, the write
/// weighting and the read weighting over one copy sequence, and of the temporal link matrix at the sequence's end; the
/// numbers as CSV.
/// </summary>
public sealed class DncCopyExperiment : IExperiment
{
    public const string LossPlot = "dnc-copy-loss.png", MemoryPlot = "dnc-copy-memory.png", LossCsv = "dnc-copy-loss.csv", MemoryCsv = "dnc-copy-memory.csv",
        LinkPlot = "dnc-copy-link.png", LinkCsv = "dnc-copy-link.csv";

    public ExperimentInfo Info { get; } = new("dnc-copy", "A differentiable neural computer learns to copy", Areas.Memory,
        ["Buduma ch8", "Graves et al. 2016"],
        "The DNC learns Buduma's copy task: the loss per answer bit falls from log 2 to below 0.05 and a replayed sequence is copied without a wrong bit (heat maps of usage and weightings show how).",
        ["dnc", "memory", "copy task"], TimeSpan.FromMinutes(3));

    /// <summary>Steps of the quick run: enough for the loss to fall clearly (about 20%), not to converge.</summary>
    public const int QuickSteps = 150;

    /// <summary>The window (steps) over which the first and last losses are averaged.</summary>
    private const int Window = 50;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var result = DncCopy.Run(context.Quick ? QuickSteps : DncCopy.DefaultSteps, context.Seed);
        var files = Write(result, outputDirectory);
        var losses = result.Training.Losses;
        console.MarkupLine($"DNC copy: {losses.Length} steps; loss per bit {ExperimentFiles.Format(losses.Take(50).Average())} → " +
            $"{ExperimentFiles.Format(losses.TakeLast(50).Average())}; bit errors on the replayed sequence: {ExperimentFiles.Format(result.SequenceBitErrors)}");
        return new ExperimentOutcome(files,
            [new("loss per bit, first steps", losses.Take(Window).Average()), new("loss per bit, last steps", losses.TakeLast(Window).Average()),
             new("bit errors on the replayed sequence", result.SequenceBitErrors)],
            Check(result, converged: !context.Quick));
    }

    /// <summary>
    /// Full run: the last losses below 0.05 per bit and no wrong bit on the replayed sequence. Quick run (150 steps):
    /// the loss has fallen by at least 10%, i.e. learning has started.
    /// </summary>
    internal static ClaimCheck Check(DncCopyResult result, bool converged)
    {
        var losses = result.Training.Losses;
        double first = losses.Take(Window).Average(), last = losses.TakeLast(Window).Average();
        bool holds = converged ? last < 0.05 && result.SequenceBitErrors == 0 : last < 0.9 * first;
        return ClaimCheck.That(holds, $"loss per bit {ExperimentFiles.Format(first)} (first {Window} steps) → {ExperimentFiles.Format(last)} (last {Window}) over {losses.Length} steps; " +
            $"{ExperimentFiles.Format(result.SequenceBitErrors)} wrong bits on the replayed sequence" + (converged ? "." : " (quick run: only the fall of the loss is checked)."));
    }

    /// <summary>Writes the three figures and three CSV files for <paramref name="result"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(DncCopyResult result, string directory)
    {
        var run = result.Training;
        var lossPlot = ExperimentFiles.NewPlot("DNC on the copy task", "step", "loss per answer bit / bit errors per sequence");
        double[] steps = [.. Enumerable.Range(0, run.Losses.Length).Select(k => (double)k)];
        ExperimentFiles.AddLine(lossPlot, steps, run.Losses, "loss per bit", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(lossPlot, steps, run.BitErrors, "bit errors", ExperimentFiles.Palette.GetColor(1));
        lossPlot.ShowLegend(Alignment.UpperRight);

        var figure = MemoryHeatmap.Figure((result.Usage, "usage u_t"), (result.WriteWeights, "write weighting"), (result.ReadWeights, "read weighting"));
        // L[i, j]: how much cell i was written right after cell j (Graves et al. 2016, Methods "Temporal memory linkage").
        // A copy that writes its vectors to cells in turn leaves one bright cell per row, just off the order of writing.
        var linkPlot = new Plot();
        MemoryHeatmap.Add(linkPlot, result.Link, "link matrix L at the end of the sequence", "cell j (written before)", "cell i (written after)");

        int time = result.Usage.GetLength(0), cells = result.Usage.GetLength(1);
        return
        [
            ExperimentFiles.SavePng(lossPlot, directory, LossPlot),
            ExperimentFiles.SavePng(figure, directory, MemoryPlot, 1500, 500),
            ExperimentFiles.SavePng(linkPlot, directory, LinkPlot, 650, 600),
            ExperimentFiles.SaveCsv(directory, LossCsv, ["step", "loss", "bit_errors"],
                steps.Select(k => (IReadOnlyList<double>)[k, run.Losses[(int)k], run.BitErrors[(int)k]])),
            ExperimentFiles.SaveCsv(directory, MemoryCsv, ["step", "cell", "usage", "write", "read"],
                Enumerable.Range(0, time * cells).Select(k => (IReadOnlyList<double>)
                    [k / cells, k % cells, result.Usage[k / cells, k % cells], result.WriteWeights[k / cells, k % cells], result.ReadWeights[k / cells, k % cells]])),
            ExperimentFiles.SaveCsv(directory, LinkCsv, ["i", "j", "link"],
                Enumerable.Range(0, cells * cells).Select(k => (IReadOnlyList<double>)[k / cells, k % cells, result.Link[k / cells, k % cells]])),
        ];
    }
}
