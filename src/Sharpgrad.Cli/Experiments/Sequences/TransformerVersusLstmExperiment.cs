using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="TransformerVersusLstm"/>: both models' token accuracy on the sort task against training steps,
/// with the target and the step each reached it, as PNG and CSV.
/// </summary>
public sealed class TransformerVersusLstmExperiment : IExperiment
{
    public const string LearningPlot = "transformer-vs-lstm.png", LearningCsv = "transformer-vs-lstm.csv";

    public ExperimentInfo Info { get; } = new("transformer-vs-lstm", "A Transformer encoder against an LSTM on sorting", Areas.Sequences,
        ["NYU ch12", "GBC §10.10", "Vaswani et al. 2017"],
        "On the same sequence task (sorting symbols) and budget, a small Transformer encoder, whose self-attention sees every symbol from every answer step, reaches the target accuracy in fewer steps than an LSTM of similar size.",
        ["transformer", "attention", "lstm", "sorting"], TimeSpan.FromMinutes(4));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = TransformerVersusLstm.Run(context.Quick ? TransformerVersusLstmOptions.Quick : TransformerVersusLstmOptions.Full, context.Seed);
        var files = Write(result, context.OutputDirectory);
        var check = Check(result);
        context.Console.WriteLine(check.Evidence);
        int never = result.Options.Steps + 1;
        return new(files,
        [
            new("Transformer steps to target", result.Transformer.StepsToTarget ?? never), new("LSTM steps to target", result.Lstm.StepsToTarget ?? never),
            new("Transformer final accuracy", result.Transformer.TrailingAccuracy[^1]), new("LSTM final accuracy", result.Lstm.TrailingAccuracy[^1]),
        ], check);
    }

    /// <summary>The Transformer reaches the target, and in fewer steps than the LSTM (or the LSTM never does). Quick and full runs alike, with the quick run's lower target.</summary>
    internal static ClaimCheck Check(TransformerVersusLstmResult result)
    {
        var (options, transformer, lstm) = (result.Options, result.Transformer, result.Lstm);
        bool holds = transformer.StepsToTarget is int t && (lstm.StepsToTarget is not int l || t < l);
        string Reached(SortModelRun run) => run.StepsToTarget is int s ? $"step {s}" : $"not within {options.Steps} steps";
        return ClaimCheck.That(holds,
            $"sorting {options.Length} symbols of {options.Symbols}, token accuracy ≥ {options.TargetAccuracy:0.00} (mean of {options.Window} batches): " +
            $"Transformer ({transformer.Parameters} parameters) at {Reached(transformer)}, LSTM ({lstm.Parameters} parameters) at {Reached(lstm)}; " +
            $"final accuracy {ExperimentFiles.Format(transformer.TrailingAccuracy[^1])} and {ExperimentFiles.Format(lstm.TrailingAccuracy[^1])}.");
    }

    /// <summary>Writes the figure and CSV file for <paramref name="result"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(TransformerVersusLstmResult result, string directory)
    {
        var (transformer, lstm) = (result.Transformer, result.Lstm);
        double[] steps = [.. Enumerable.Range(1, transformer.TrailingAccuracy.Length).Select(k => (double)k)];
        var plot = ExperimentFiles.NewPlot($"Sorting {result.Options.Length} symbols", "training step", $"token accuracy (mean of {result.Options.Window} batches)");
        ExperimentFiles.AddLine(plot, steps, transformer.TrailingAccuracy, "Transformer", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(plot, steps, lstm.TrailingAccuracy, "LSTM", ExperimentFiles.Palette.GetColor(1));
        plot.Add.HorizontalLine(result.Options.TargetAccuracy, color: Colors.Gray, pattern: LinePattern.Dashed);
        plot.ShowLegend(Alignment.LowerRight);
        return
        [
            ExperimentFiles.SavePng(plot, directory, LearningPlot),
            ExperimentFiles.SaveCsv(directory, LearningCsv, ["step", "transformer_loss", "transformer_accuracy", "lstm_loss", "lstm_accuracy"],
                Enumerable.Range(0, steps.Length).Select(k => (IReadOnlyList<double>)
                    [k + 1, transformer.Training.Losses[k], transformer.Training.Scores[k], lstm.Training.Losses[k], lstm.Training.Scores[k]])),
        ];
    }
}
