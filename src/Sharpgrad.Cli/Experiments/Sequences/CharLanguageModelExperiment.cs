using System.Text;
using Sharpgrad.IO;
using Sharpgrad.Text;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Renders <see cref="CharLanguageModel"/> on Debian's fortunes: validation perplexity against the training step for
/// the RNN, GRU and LSTM with the unigram baseline (PNG and CSV), and the samples at each temperature (text file and
/// console).
/// </summary>
public sealed class CharLanguageModelExperiment(string fortunesRoot = Fortunes.DefaultRoot) : IExperiment
{
    public const string PlotFile = "char-lm.png", CsvFile = "char-lm.csv", SamplesFile = "char-lm-samples.txt";

    public ExperimentInfo Info { get; } = new("char-lm", "Character-level language models on fortunes", Areas.Sequences,
        ["Buduma ch7", "GBC §10.2", "GBC §12.4"],
        "RNN, GRU and LSTM character models all learn: each starts above the unigram model's validation perplexity and ends below it, and sampling temperature trades diversity for fidelity.",
        ["language model", "rnn", "lstm", "gru", "sampling"], TimeSpan.FromMinutes(10));

    public ExperimentOutcome Run(ExperimentContext context)
    {
        var (outputDirectory, console) = (context.OutputDirectory, context.Console);
        var corpus = CharacterCorpus.FromFiles(Fortunes.Files(fortunesRoot));
        var result = CharLanguageModel.Run(corpus, context.Quick, context.Seed);
        var steps = result.Curves[0].Steps;
        var xs = steps.Select(s => (double)s).ToArray();
        var plot = ExperimentFiles.NewPlot("Character-level LMs on fortunes", "training step", "validation perplexity (log₁₀)");
        for (int i = 0; i < result.Curves.Count; i++)
            ExperimentFiles.AddLine(plot, xs, result.Curves[i].ValidationPerplexity.Select(Math.Log10).ToArray(), Name(result.Curves[i].Architecture),
                ExperimentFiles.Palette.GetColor(i), markerSize: 5);
        ExperimentFiles.AddLine(plot, [xs[0], xs[^1]], [Math.Log10(result.UnigramPerplexity), Math.Log10(result.UnigramPerplexity)], "unigram baseline",
            ExperimentFiles.Palette.GetColor(7), ScottPlot.LinePattern.Dotted);
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        var text = new StringBuilder();
        foreach (var curve in result.Curves)
            foreach (var (temperature, sample) in curve.Samples)
                text.Append($"=== {Name(curve.Architecture)}, temperature {temperature:0.0} ===\n{CharLanguageModel.Prompt}{sample}\n\n");
        Directory.CreateDirectory(outputDirectory);
        var samplesPath = Path.Combine(outputDirectory, SamplesFile);
        AtomicFile.WriteAllBytes(samplesPath, Encoding.UTF8.GetBytes(text.ToString()));
        var files = new List<string>
        {
            ExperimentFiles.SavePng(plot, outputDirectory, PlotFile),
            ExperimentFiles.SaveCsv(outputDirectory, CsvFile, ["step", "rnn", "gru", "lstm", "unigram"],
                Enumerable.Range(0, steps.Length).Select(k => (IReadOnlyList<double>)[steps[k], .. result.Curves.Select(c => c.ValidationPerplexity[k]), result.UnigramPerplexity])),
            samplesPath,
        };
        console.MarkupLine($"{corpus.Vocabulary.Count} characters, {corpus.Train.Length} training and {corpus.Validation.Length} validation characters; unigram perplexity {ExperimentFiles.Format(result.UnigramPerplexity)}");
        var table = new Table().AddColumns("model", "initial perplexity", "final perplexity");
        foreach (var c in result.Curves)
            table.AddRow(Name(c.Architecture), ExperimentFiles.Format(c.ValidationPerplexity[0]), ExperimentFiles.Format(c.ValidationPerplexity[^1]));
        console.Write(table);
        console.WriteLine(text.ToString());
        return new ExperimentOutcome(files,
            [new("unigram perplexity", result.UnigramPerplexity), .. result.Curves.Select(c => new KeyNumber($"final perplexity, {Name(c.Architecture)}", c.ValidationPerplexity[^1]))],
            Check(result));
    }

    /// <summary>Every model's first validation perplexity is above the unigram's and its last below.</summary>
    internal static ClaimCheck Check(CharLmResult result) => ClaimCheck.That(
        result.Curves.All(c => c.ValidationPerplexity[0] > result.UnigramPerplexity && c.ValidationPerplexity[^1] < result.UnigramPerplexity),
        $"validation perplexity (unigram {ExperimentFiles.Format(result.UnigramPerplexity)}): " +
        string.Join(", ", result.Curves.Select(c => $"{Name(c.Architecture)} {ExperimentFiles.Format(c.ValidationPerplexity[0])} → {ExperimentFiles.Format(c.ValidationPerplexity[^1])}")) + ".");

    private static string Name(RecurrentArchitecture architecture) => architecture switch
    {
        RecurrentArchitecture.Rnn => "tanh RNN",
        RecurrentArchitecture.Gru => "GRU",
        _ => "LSTM",
    };
}
