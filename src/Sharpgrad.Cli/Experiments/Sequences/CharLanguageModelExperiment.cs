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
public sealed class CharLanguageModelExperiment(bool quick = false, string fortunesRoot = Fortunes.DefaultRoot) : IExperiment
{
    public const string PlotFile = "char-lm.png", CsvFile = "char-lm.csv", SamplesFile = "char-lm-samples.txt";

    public string Id => "char-lm";

    public string Description =>
        "Character-level language models on Debian's fortunes: validation perplexity of a tanh RNN, a GRU and an LSTM of the same size and budget, and samples at temperatures 0.5/1/1.5 (Buduma ch7; GBC §10.2).";

    public IReadOnlyList<string> Run(string outputDirectory, IAnsiConsole console)
    {
        var corpus = CharacterCorpus.FromFiles(Fortunes.Files(fortunesRoot));
        var result = CharLanguageModel.Run(corpus, quick);
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
        return files;
    }

    private static string Name(RecurrentArchitecture architecture) => architecture switch
    {
        RecurrentArchitecture.Rnn => "tanh RNN",
        RecurrentArchitecture.Gru => "GRU",
        _ => "LSTM",
    };
}
