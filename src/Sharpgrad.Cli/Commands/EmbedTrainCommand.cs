using System.CommandLine;
using System.Diagnostics;
using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad embed train --corpus FILE --model skipgram|cbow|glove|fasttext --objective ns|nce|hs ...</c>: counts the vocabulary (one pass), trains
/// word2vec or fastText streaming the corpus once per epoch (GloVe: counts co-occurrences in one more pass, then fits them), prints progress (words/s, loss, learning rate) about once a second,
/// and saves the vectors in word2vec's text or binary format. The line "trained N words in S s: W words/s ... cpu C s"
/// times training alone (not the vocabulary pass), as gensim's log does, in wall and process CPU seconds;
/// bench/compare_word2vec.sh reads it.
/// </summary>
internal sealed class EmbedTrainCommand : Command
{
    private static readonly Word2VecOptions Defaults = new();
    private static readonly GloVeOptions GloVeDefaults = new();

    private readonly Option<string[]> _corpus = new("--corpus")
    {
        Description = "Text file(s), UTF-8, one sentence a line; tokenised by Sharpgrad.Text.Tokenizer (lower-cased).",
        HelpName = "FILE", Required = true, AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<EmbeddingModel> _model = new("--model")
    {
        Description = "skipgram, cbow (word2vec), glove or fasttext (subword skip-gram). [default: skipgram]", HelpName = "NAME",
        CustomParser = OptionParsers.Choice(EmbeddingModel.SkipGram),
    };

    private readonly Option<EmbeddingObjective> _objective = new("--objective")
    {
        Description = "ns (negative sampling), nce (noise-contrastive estimation with the same --negative noise words) or hs (the hierarchical softmax; "
            + "with an explicit --negative it trains both). [default: ns]",
        HelpName = "NAME", CustomParser = OptionParsers.Choice(EmbeddingObjective.NegativeSampling),
    };

    private readonly Option<int> _size = Int("--size", "Vector dimension.", Defaults.VectorSize);
    private readonly Option<int> _window = Int("--window", "Largest context distance (each centre word draws 1..window).", Defaults.Window);
    private readonly Option<int> _negative = Int("--negative", "Noise words per pair; 0 turns negative sampling off.", Defaults.Negative);
    private readonly Option<bool> _hs = new("--hs") { Description = "Also train the hierarchical softmax over a Huffman tree." };
    private readonly Option<int> _minCount = Int("--min-count", "Drop words seen fewer times.", 5);
    private readonly Option<double> _sample = Double("--sample", "Subsampling threshold t (0 turns it off).", Defaults.Sample);
    private readonly Option<double> _alpha = Double("--alpha", "Initial learning rate.", Defaults.Alpha);
    private readonly Option<double> _minAlpha = Double("--min-alpha", "Final learning rate (linear decay).", Defaults.MinAlpha);
    private readonly Option<LearningRateClock> _decayBy = new("--decay-by")
    {
        Description = "What the learning rate's linear decay counts: sentences (gensim) or words (word2vec's C tool); auto is sentences here. [default: auto]",
        HelpName = "CLOCK", CustomParser = OptionParsers.Choice(Defaults.DecayBy),
    };

    private readonly Option<int> _epochs = Int("--epochs", "Passes over the corpus (GloVe: over the co-occurrences; 25 when not given).", Defaults.Epochs);
    private readonly Option<double> _xMax = Double("--x-max", "GloVe's x_max of the weighting (x/x_max)^0.75.", GloVeDefaults.XMax);
    private readonly Option<int> _buckets = Int("--buckets", "fastText's n-gram buckets.", new SubwordOptions().Buckets);
    private readonly Option<int> _threads = Int("--threads", "Worker threads.", Environment.ProcessorCount);
    private readonly Option<bool> _deterministic = new("--deterministic") { Description = "Identical vectors for a seed at any thread count (slower than HOGWILD!)." };
    private readonly Option<int> _seed = new("--seed") { Description = "Random seed.", HelpName = "N", CustomParser = OptionParsers.Int(1), DefaultValueFactory = _ => 1 };

    private readonly Option<string[]> _out = new("--out")
    {
        Description = "Where to save the vectors (word2vec format; binary when the name ends in .bin or with --binary); may be given more than once. [default: not saved]",
        HelpName = "FILE",
    };

    private readonly Option<bool> _binary = new("--binary") { Description = "Save in word2vec's binary format." };

    public EmbedTrainCommand()
        : base("train", "Train word vectors on a text corpus: word2vec (skip-gram or CBOW; negative sampling, NCE and/or hierarchical softmax), GloVe or fastText.")
    {
        foreach (Option option in new Option[] { _corpus, _model, _objective, _size, _window, _negative, _hs, _minCount, _sample, _alpha, _minAlpha, _decayBy, _epochs, _xMax, _buckets, _threads, _deterministic, _seed, _out, _binary })
            Options.Add(option);
        SetAction(Run);
    }

    private static Option<int> Int(string name, string description, int defaultValue) => new(name)
    {
        Description = description, HelpName = "N", CustomParser = OptionParsers.Int(defaultValue), DefaultValueFactory = _ => defaultValue,
    };

    private static Option<double> Double(string name, string description, double defaultValue) => new(name)
    {
        Description = description, HelpName = "X",
        CustomParser = OptionParsers.NonNegativeDouble(defaultValue), DefaultValueFactory = _ => defaultValue,
    };

    private int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var kind = parse.GetValue(_model);
        var objective = parse.GetValue(_objective);
        var options = new Word2VecOptions
        {
            Architecture = kind == EmbeddingModel.Cbow ? Word2VecArchitecture.Cbow : Word2VecArchitecture.SkipGram,
            VectorSize = parse.GetValue(_size), Window = parse.GetValue(_window),
            Negative = objective == EmbeddingObjective.HierarchicalSoftmax && parse.GetResult(_negative) is not { Implicit: false } ? 0 : parse.GetValue(_negative),
            HierarchicalSoftmax = objective == EmbeddingObjective.HierarchicalSoftmax || parse.GetValue(_hs),
            NoiseContrastive = objective == EmbeddingObjective.Nce, Sample = parse.GetValue(_sample),
            Alpha = parse.GetValue(_alpha), MinAlpha = parse.GetValue(_minAlpha), DecayBy = parse.GetValue(_decayBy), Epochs = parse.GetValue(_epochs),
            Threads = parse.GetValue(_threads), Deterministic = parse.GetValue(_deterministic), Seed = parse.GetValue(_seed),
        };
        options.Validate();
        int minCount = parse.GetValue(_minCount);
        if (minCount < 1) throw new ArgumentException($"embed train: --min-count must be at least 1, got {minCount}.");
        var corpus = new CorpusReader(parse.GetRequiredValue(_corpus));

        var clock = Stopwatch.StartNew();
        var vocabulary = Vocabulary.FromSentences(corpus.Sentences(), minCount);
        output.WriteLine(FormattableString.Invariant(
            $"vocabulary: {vocabulary.Count} words seen at least {minCount} times, {vocabulary.TotalCount} tokens, counted in {clock.Elapsed.TotalSeconds:F1} s"));
        if (kind != EmbeddingModel.GloVe) output.WriteLine($"objective: {DescribeObjective(options)}");
        KeyedVectors vectors;
        switch (kind)
        {
            case EmbeddingModel.GloVe:
                vectors = TrainGloVe(parse, corpus, vocabulary, options, output);
                break;
            case EmbeddingModel.FastText:
                var fastText = new FastText(vocabulary, options, new SubwordOptions { Buckets = parse.GetValue(_buckets) });
                TrainWithProgress(fastText.Train, corpus, options, output);
                vectors = fastText.Vectors();
                break;
            default:
                var word2vec = new Word2Vec(vocabulary, options);
                TrainWithProgress(word2vec.Train, corpus, options, output);
                vectors = word2vec.Vectors();
                break;
        }
        foreach (var path in parse.GetValue(_out) ?? [])
        {
            bool binary = EmbedCommand.IsBinary(path, parse.GetValue(_binary));
            Word2VecFormat.Save(vectors, path, binary);
            output.WriteLine($"saved {vocabulary.Count} vectors to {path} ({(binary ? "binary" : "text")} word2vec format)");
        }
        return 0;
    }

    /// <summary>
    /// Runs word2vec's or fastText's <paramref name="train"/> with a progress line about once a second and the closing
    /// "trained N words in S s: W words/s ... cpu C s" line, which bench/compare_word2vec.sh reads.
    /// </summary>
    private static void TrainWithProgress(Func<IEnumerable<IReadOnlyList<string>>, Action<Word2VecProgress>?, Word2VecProgress> train,
        CorpusReader corpus, Word2VecOptions options, TextWriter output)
    {
        // CPU time of the whole process (every thread) as well as wall time: on a shared machine it is the steadier measure of work.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var lastReport = Stopwatch.StartNew();
        var done = train(corpus.Sentences(), progress =>
        {
            if (lastReport.Elapsed.TotalSeconds < 1) return;
            lastReport.Restart();
            output.WriteLine(Describe(progress));
        });
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        output.WriteLine(Describe(done));
        output.WriteLine(FormattableString.Invariant(
            $"trained {done.Words} words in {done.Seconds:F3} s: {done.WordsPerSecond:F0} words/s, mean loss {done.MeanLoss:F4} ({options.Threads} threads, {(options.Deterministic ? "deterministic" : "hogwild")}), cpu {cpu:F3} s"));
    }

    /// <summary>
    /// GloVe at the same dimension, window, seed, threads and determinism; --epochs and --alpha (η) when given, else GloVe's own 25 and 0.05.
    /// Counting the co-occurrences is part of the time reported, as it is GloVe's pass over the corpus.
    /// </summary>
    private KeyedVectors TrainGloVe(ParseResult parse, CorpusReader corpus, Vocabulary vocabulary, Word2VecOptions word2vec, TextWriter output)
    {
        var options = new GloVeOptions
        {
            VectorSize = word2vec.VectorSize, Window = word2vec.Window, XMax = parse.GetValue(_xMax), Seed = word2vec.Seed,
            Threads = word2vec.Threads, Deterministic = word2vec.Deterministic,
            Epochs = parse.GetResult(_epochs) is { Implicit: false } ? word2vec.Epochs : GloVeDefaults.Epochs,
            LearningRate = parse.GetResult(_alpha) is { Implicit: false } ? word2vec.Alpha : GloVeDefaults.LearningRate,
        };
        options.Validate();
        var clock = Stopwatch.StartNew();
        var counts = CooccurrenceMatrix.Count(corpus.Sentences(), vocabulary, options.Window);
        output.WriteLine(FormattableString.Invariant(
            $"co-occurrences: {counts.Entries.Count} non-zero pairs within {options.Window} words, counted in {clock.Elapsed.TotalSeconds:F1} s"));
        var glove = new GloVe(vocabulary, options);
        var lastReport = Stopwatch.StartNew();
        var costs = glove.Train(counts, (epoch, cost) =>
        {
            if (lastReport.Elapsed.TotalSeconds < 1 && epoch < options.Epochs) return;
            lastReport.Restart();
            output.WriteLine(FormattableString.Invariant($"epoch {epoch}/{options.Epochs}  cost {cost:F4}"));
        });
        output.WriteLine(FormattableString.Invariant(
            $"trained GloVe on {counts.Entries.Count} co-occurrences × {options.Epochs} epochs in {clock.Elapsed.TotalSeconds:F3} s ({options.Threads} threads, {(options.Deterministic ? "deterministic" : "hogwild")}), final cost {costs[^1]:F4}"));
        return glove.Vectors();
    }

    /// <summary>"negative sampling (k = 5)", "NCE (k = 5)", "hierarchical softmax", or both of the latter joined by " + ".</summary>
    private static string DescribeObjective(Word2VecOptions o)
    {
        var parts = new List<string>();
        if (o.HierarchicalSoftmax) parts.Add("hierarchical softmax");
        if (o.Negative > 0) parts.Add(FormattableString.Invariant($"{(o.NoiseContrastive ? "NCE" : "negative sampling")} (k = {o.Negative})"));
        return string.Join(" + ", parts);
    }

    private static string Describe(Word2VecProgress p) => FormattableString.Invariant(
        $"{100.0 * p.Words / Math.Max(1, p.TotalWords),5:F1}%  {p.WordsPerSecond,10:F0} words/s  loss {p.MeanLoss:F4}  lr {p.Alpha:F6}");
}
