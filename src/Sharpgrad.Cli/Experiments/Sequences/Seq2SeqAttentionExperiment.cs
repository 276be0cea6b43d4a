using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="Seq2SeqAttention"/>: the attention map of one reversed string as a heat map (Buduma Fig. 7.33:
/// reordering shows as an anti-diagonal), the training loss with the scheduled-sampling probability, and CSVs of the
/// losses, the map and greedy against beam log-probabilities.
/// </summary>
public sealed class Seq2SeqAttentionExperiment : IExperiment
{
    public const string MapFile = "attention.png", LossFile = "seq2seq-loss.png", LossCsv = "seq2seq-loss.csv", MapCsv = "attention.csv",
        DecodingCsv = "decoding.csv";

    public ExperimentInfo Info { get; } = new("seq2seq-attention", "Sequence to sequence with attention: reversing strings", Areas.Sequences,
        ["Buduma ch7", "Buduma Fig. 7.33", "GBC §12.4.5.1", "Bahdanau et al. 2015"],
        "An attention decoder learns to reverse digit strings, its attention map shows the reordering as an anti-diagonal, and beam search never returns a less probable output than greedy decoding.",
        ["seq2seq", "attention", "beam search", "scheduled sampling"], TimeSpan.FromMinutes(3));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var options = (context.Quick ? Seq2SeqAttentionOptions.Quick : new Seq2SeqAttentionOptions()) with { Seed = context.Seed };
        var r = Seq2SeqAttention.Run(options);
        return new ExperimentOutcome(Write(r, options, outputDirectory, console),
            [new("exact-match accuracy (greedy)", r.ExactMatch), new("attention on the anti-diagonal", r.AntiDiagonalMass),
             new("mean log P, greedy", r.GreedyLogProbabilities.Average()), new("mean log P, beam", r.BeamLogProbabilities.Average())],
            Check(r, options));
    }

    /// <summary>The anti-diagonal holds at least this much attention (uniform attention gives 1/L).</summary>
    internal const double AntiDiagonalMass = 0.45;

    /// <summary>Exact-match accuracy of the greedy decoder the claim asks for.</summary>
    internal const double ExactMatch = 0.6;

    /// <summary>Reversal learned, attention concentrated on the anti-diagonal, and beam ≥ greedy on every example.</summary>
    internal static ClaimCheck Check(Seq2SeqAttentionResult r, Seq2SeqAttentionOptions options)
    {
        bool beamNeverWorse = r.BeamLogProbabilities.Zip(r.GreedyLogProbabilities).All(p => p.First >= p.Second - 1e-9);
        return ClaimCheck.That(r.ExactMatch >= ExactMatch && r.AntiDiagonalMass >= AntiDiagonalMass && beamNeverWorse,
            $"exact match {ExperimentFiles.Format(r.ExactMatch)}; attention on the anti-diagonal {ExperimentFiles.Format(r.AntiDiagonalMass)} (uniform: {ExperimentFiles.Format(1.0 / options.MaxLength)}); " +
            $"beam ≥ greedy on {(beamNeverWorse ? "every" : "not every")} one of {r.BeamLogProbabilities.Length} examples.");
    }

    /// <summary>Writes the figures and tables of a finished run and prints its summary; returns the files written.</summary>
    public static IReadOnlyList<string> Write(Seq2SeqAttentionResult r, Seq2SeqAttentionOptions options, string outputDirectory, IAnsiConsole console)
    {
        int steps = r.StepLosses.Length, rows = r.AttentionMap.GetLength(0), columns = r.AttentionMap.GetLength(1);
        var files = new List<string>
        {
            SaveMap(r, outputDirectory),
            SaveLoss(r, outputDirectory),
            ExperimentFiles.SaveCsv(outputDirectory, LossCsv, ["step", "loss", "sampling_probability"],
                Enumerable.Range(0, steps).Select(k => (IReadOnlyList<double>)[k, r.StepLosses[k], r.SamplingProbabilities[k]])),
            ExperimentFiles.SaveCsv(outputDirectory, MapCsv, ["output_step", "source_position", "weight"],
                Enumerable.Range(0, rows * columns).Select(k => (IReadOnlyList<double>)[k / columns, k % columns, r.AttentionMap[k / columns, k % columns]])),
            ExperimentFiles.SaveCsv(outputDirectory, DecodingCsv, ["example", "greedy_log_p", "beam_log_p"],
                Enumerable.Range(0, r.GreedyLogProbabilities.Length).Select(k => (IReadOnlyList<double>)[k, r.GreedyLogProbabilities[k], r.BeamLogProbabilities[k]])),
        };
        var table = new Table().AddColumns("measure", "value");
        table.AddRow("exact-match accuracy (greedy)", ExperimentFiles.Format(r.ExactMatch));
        table.AddRow($"attention on the anti-diagonal (length {options.MaxLength})", ExperimentFiles.Format(r.AntiDiagonalMass));
        table.AddRow("mean log P, greedy", ExperimentFiles.Format(r.GreedyLogProbabilities.Average()));
        table.AddRow($"mean log P, beam width {options.BeamWidth}", ExperimentFiles.Format(r.BeamLogProbabilities.Average()));
        table.AddRow("final training loss", ExperimentFiles.Format(r.StepLosses[^1]));
        console.Write(table);
        return files;
    }

    private static string Label(long token) => token < 0 ? "end" : token.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string SaveMap(Seq2SeqAttentionResult r, string directory)
    {
        int rows = r.AttentionMap.GetLength(0), columns = r.AttentionMap.GetLength(1);
        var plot = ExperimentFiles.NewPlot("Attention while reversing a digit string", "source digit (position)", "output digit (step)");
        var heatmap = plot.Add.Heatmap(r.AttentionMap); // row 0 is drawn at the top
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.Add.ColorBar(heatmap);
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, columns).Select(c => (double)c)], [.. r.MapSource.Select(Label)]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))], [.. r.MapOutput.Select(Label)]);
        plot.HideGrid();
        return ExperimentFiles.SavePng(plot, directory, MapFile, 700, 640);
    }

    private static string SaveLoss(Seq2SeqAttentionResult r, string directory)
    {
        var plot = ExperimentFiles.NewPlot("Training with scheduled sampling", "step", "cross-entropy / probability");
        var steps = Enumerable.Range(0, r.StepLosses.Length).Select(k => (double)k).ToArray();
        ExperimentFiles.AddLine(plot, steps, r.StepLosses, "training loss", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(plot, steps, r.SamplingProbabilities, "P(feed own sample)", ExperimentFiles.Palette.GetColor(1), LinePattern.Dashed);
        plot.ShowLegend(Alignment.UpperRight);
        return ExperimentFiles.SavePng(plot, directory, LossFile);
    }
}
