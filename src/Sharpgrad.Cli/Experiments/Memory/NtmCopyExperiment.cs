using ScottPlot;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="NtmCopy"/>: the NTM's and the LSTM's learning curves, the fraction of wrong bits against sequence
/// length (the training lengths and beyond), and the trained NTM's write and read weightings over one long sequence.
/// </summary>
public sealed class NtmCopyExperiment : IExperiment
{
    public const string LearningPlot = "ntm-copy-learning.png", GeneralisationPlot = "ntm-copy-generalisation.png", WeightingsPlot = "ntm-copy-weightings.png",
        LearningCsv = "ntm-copy-learning.csv", GeneralisationCsv = "ntm-copy-generalisation.csv", WeightingsCsv = "ntm-copy-weightings.csv";

    public ExperimentInfo Info { get; } = new("ntm-copy", "A neural Turing machine against an LSTM on the copy task", Areas.Memory,
        ["GBC §10.12", "NYU ch12", "Graves et al. 2014"],
        "The NTM learns to copy sequences to near-zero bit error at the training lengths and copies longer sequences than any it was trained on with fewer wrong bits than an LSTM given the same data and budget.",
        ["ntm", "lstm", "memory", "copy task", "generalisation"], TimeSpan.FromMinutes(10));

    /// <summary>Losses averaged at the start and at the end of training for the quick check.</summary>
    private const int Window = 10;

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var result = NtmCopy.Run(context.Quick ? NtmCopyOptions.Quick : NtmCopyOptions.Full, context.Seed);
        var files = Write(result, context.OutputDirectory);
        var check = Check(result, converged: !context.Quick);
        context.Console.WriteLine(check.Evidence);
        int train = result.Options.TrainLength, test = result.Options.TestLength;
        return new(files,
        [
            new("NTM bit error rate, training lengths", NtmCopyResult.MeanRate(result.Ntm, 1, train)),
            new("LSTM bit error rate, training lengths", NtmCopyResult.MeanRate(result.Lstm, 1, train)),
            new("NTM bit error rate, longer sequences", NtmCopyResult.MeanRate(result.Ntm, train + 1, test)),
            new("LSTM bit error rate, longer sequences", NtmCopyResult.MeanRate(result.Lstm, train + 1, test)),
            new("NTM loss per bit, last steps", result.Ntm.Training.Losses.TakeLast(Window).Average()),
        ], check);
    }

    /// <summary>
    /// Full run: the NTM's bit error rate over the training lengths at most 1% and over the longer lengths below the
    /// LSTM's. Quick run: the NTM's loss per bit has fallen by 10% (learning has started); the lengths are not compared.
    /// </summary>
    internal static ClaimCheck Check(NtmCopyResult result, bool converged)
    {
        int train = result.Options.TrainLength, test = result.Options.TestLength;
        double ntmTrain = NtmCopyResult.MeanRate(result.Ntm, 1, train), ntmLonger = NtmCopyResult.MeanRate(result.Ntm, train + 1, test);
        double lstmTrain = NtmCopyResult.MeanRate(result.Lstm, 1, train), lstmLonger = NtmCopyResult.MeanRate(result.Lstm, train + 1, test);
        var losses = result.Ntm.Training.Losses;
        double first = losses.Take(Window).Average(), last = losses.TakeLast(Window).Average();
        bool holds = converged ? ntmTrain <= 0.01 && ntmLonger < lstmLonger : last < 0.9 * first;
        string F(double x) => ExperimentFiles.Format(x);
        return ClaimCheck.That(holds,
            $"wrong bits at lengths 1–{train}: NTM {F(ntmTrain)}, LSTM {F(lstmTrain)}; at {train + 1}–{test}: NTM {F(ntmLonger)}, LSTM {F(lstmLonger)}; " +
            $"NTM loss per bit {F(first)} → {F(last)} over {losses.Length} steps" + (converged ? "." : " (quick run: only the fall of the NTM's loss is checked)."));
    }

    /// <summary>Writes the figures and CSV files of <paramref name="result"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(NtmCopyResult result, string directory)
    {
        var (ntm, lstm, options) = (result.Ntm, result.Lstm, result.Options);
        double[] steps = [.. Enumerable.Range(1, ntm.Training.Losses.Length).Select(k => (double)k)];
        int window = Math.Max(1, steps.Length / 50);
        var learning = ExperimentFiles.NewPlot("Copy task: learning curves", "training step", $"loss per answer bit (mean of {window} batches)");
        ExperimentFiles.AddLine(learning, steps, ExperimentFiles.TrailingMean(ntm.Training.Losses, window), "NTM", ExperimentFiles.Palette.GetColor(0));
        ExperimentFiles.AddLine(learning, steps, ExperimentFiles.TrailingMean(lstm.Training.Losses, window), "LSTM", ExperimentFiles.Palette.GetColor(1));
        learning.ShowLegend(Alignment.UpperRight);

        double[] lengths = [.. Enumerable.Range(1, options.TestLength).Select(k => (double)k)];
        var generalisation = ExperimentFiles.NewPlot($"Copy task: trained on lengths 1–{options.TrainLength}", "sequence length", "fraction of bits wrong");
        ExperimentFiles.AddLine(generalisation, lengths, ntm.BitErrorRate, "NTM", ExperimentFiles.Palette.GetColor(0), markerSize: 6);
        ExperimentFiles.AddLine(generalisation, lengths, lstm.BitErrorRate, "LSTM", ExperimentFiles.Palette.GetColor(1), markerSize: 6);
        generalisation.Add.VerticalLine(options.TrainLength + 0.5, color: Colors.Gray, pattern: LinePattern.Dashed);
        generalisation.ShowLegend(Alignment.UpperLeft);

        var weightings = MemoryHeatmap.Figure((result.WriteWeights, "NTM write weighting"), (result.ReadWeights, "NTM read weighting"));
        int time = result.WriteWeights.GetLength(0), cells = result.WriteWeights.GetLength(1);
        return
        [
            ExperimentFiles.SavePng(learning, directory, LearningPlot),
            ExperimentFiles.SavePng(generalisation, directory, GeneralisationPlot),
            ExperimentFiles.SavePng(weightings, directory, WeightingsPlot, 1000, 500),
            ExperimentFiles.SaveCsv(directory, LearningCsv, ["step", "ntm_loss", "ntm_bit_errors", "lstm_loss", "lstm_bit_errors"],
                Enumerable.Range(0, steps.Length).Select(k => (IReadOnlyList<double>)
                    [k + 1, ntm.Training.Losses[k], ntm.Training.BitErrors[k], lstm.Training.Losses[k], lstm.Training.BitErrors[k]])),
            ExperimentFiles.SaveCsv(directory, GeneralisationCsv, ["length", "ntm_bit_error_rate", "lstm_bit_error_rate"],
                Enumerable.Range(0, lengths.Length).Select(k => (IReadOnlyList<double>)[k + 1, ntm.BitErrorRate[k], lstm.BitErrorRate[k]])),
            ExperimentFiles.SaveCsv(directory, WeightingsCsv, ["step", "cell", "write", "read"],
                Enumerable.Range(0, time * cells).Select(k => (IReadOnlyList<double>)
                    [k / cells, k % cells, result.WriteWeights[k / cells, k % cells], result.ReadWeights[k / cells, k % cells]])),
        ];
    }
}
