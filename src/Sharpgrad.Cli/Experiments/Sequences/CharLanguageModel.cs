using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Text;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One architecture's run: validation perplexity after each of <see cref="Steps"/>, and a sample per temperature.</summary>
public sealed record CharLmCurve(RecurrentArchitecture Architecture, int[] Steps, double[] ValidationPerplexity, IReadOnlyList<(double Temperature, string Text)> Samples);

/// <summary>The three curves, the unigram baseline they must beat, and the vocabulary size (the perplexity of a uniform guess).</summary>
public sealed record CharLmResult(IReadOnlyList<CharLmCurve> Curves, double UnigramPerplexity, int VocabularySize);

/// <summary>
/// Character-level language models (Buduma ch7; GBC §10.2.3, §12.4): a tanh RNN, a GRU and an LSTM of the same hidden
/// size, each trained by teacher forcing on the same minibatches of windows of Debian's fortunes (the
/// <see cref="CharacterCorpus"/> split: the last 10 % is validation) with Adam (lr 0.005; 0.01 in the quick mode's 60 steps; gradient norm
/// clipped at 1, GBC §10.11.1). Full mode: embedding 32, hidden 128, windows of 50, batch 32, 600 steps; quick mode:
/// 16, 32, 32, 16, 60 steps, perplexity on 2000 validation characters. Perplexity exp(mean cross-entropy per character) is measured on the first characters of the
/// validation text, cut into windows that each start from a zero state. After training each model writes text at
/// temperatures 0.5, 1 and 1.5 after the prompt "%\nThe " (a fortune's first word): the next character is drawn from softmax(logits/T), so T &lt; 1 sharpens towards the
/// likeliest characters and T &gt; 1 flattens towards uniform.
/// </summary>
public static class CharLanguageModel
{
    public sealed record Settings(int Embedding, int Hidden, int Length, int BatchSize, int Steps, int EvaluateEvery, int ValidationCharacters, int SampleLength,
        double LearningRate);

    public static Settings Full { get; } = new(32, 128, 50, 32, 600, 50, 20_000, 300, 0.005);

    public static Settings Quick { get; } = new(16, 32, 32, 16, 60, 60, 2_000, 40, 0.01);

    public static IReadOnlyList<double> Temperatures { get; } = [0.5, 1.0, 1.5];

    public static CharLmResult Run(CharacterCorpus corpus, bool quick = false, int seed = 0)
    {
        var settings = quick ? Quick : Full;
        var curves = new[] { RecurrentArchitecture.Rnn, RecurrentArchitecture.Gru, RecurrentArchitecture.Lstm }
            .Select(a => Train(a, corpus, settings, seed)).ToList();
        return new(curves, corpus.UnigramPerplexity(), corpus.Vocabulary.Count);
    }

    private static CharLmCurve Train(RecurrentArchitecture architecture, CharacterCorpus corpus, Settings s, int seed)
    {
        int vocabulary = corpus.Vocabulary.Count;
        var model = new RecurrentNet(architecture, vocabulary, s.Embedding, s.Hidden, vocabulary, seed);
        var optimizer = new Adam(model.Parameters(), lr: s.LearningRate);
        var batches = new Generator(seed + 100); // the same windows for every architecture
        var steps = new List<int> { 0 };
        var perplexities = new List<double> { Perplexity(model, corpus, s) };
        for (int step = 1; step <= s.Steps; step++)
        {
            var (inputs, targets) = corpus.TrainingBatch(s.BatchSize, s.Length, batches);
            optimizer.ZeroGrad();
            Losses.CrossEntropy(model.Forward(inputs).Reshape(-1, vocabulary), targets.Reshape(-1)).Backward();
            ClipGradients.ByNorm(model.Parameters(), 1.0);
            optimizer.Step();
            if (step % s.EvaluateEvery == 0 || step == s.Steps)
            {
                steps.Add(step);
                perplexities.Add(Perplexity(model, corpus, s));
            }
        }
        var samples = Temperatures.Select(t => (t, Sample(model, corpus, t, s.SampleLength, new Generator(seed + 300)))).ToList();
        return new(architecture, [.. steps], [.. perplexities], samples);
    }

    /// <summary>exp of the mean cross-entropy per character over the first validation windows.</summary>
    public static double Perplexity(RecurrentNet model, CharacterCorpus corpus, Settings s)
    {
        using var noGrad = Autograd.NoGrad();
        int vocabulary = corpus.Vocabulary.Count, windows = Math.Max(1, s.ValidationCharacters / s.Length);
        double total = 0;
        long count = 0;
        foreach (var (inputs, targets) in corpus.ValidationBatches(64, s.Length))
        {
            if (count >= (long)windows * s.Length) break;
            var loss = Losses.CrossEntropy(model.Forward(inputs).Reshape(-1, vocabulary), targets.Reshape(-1), reduction: Reduction.Sum);
            total += loss.Item();
            count += targets.Count;
        }
        return Math.Exp(total / count);
    }

    /// <summary>The start of a fortune — the separator line "%", its newline — and a first word, fed to the model before sampling.</summary>
    public const string Prompt = "%\nThe ";

    /// <summary>
    /// <paramref name="length"/> characters drawn one at a time, carrying the recurrent state, each from
    /// softmax(logits / <paramref name="temperature"/>), after the model has read <see cref="Prompt"/>, a fortune's first word,
    /// so a sample begins mid-sentence. Started after a newline (with or without the "%" line), the small models at
    /// temperature 0.5 fell into the long runs of spaces that indent the fortunes' poems and attributions and printed
    /// nothing else: low temperature makes such loops likely, since after a space a space is the likeliest character. Private to this experiment on purpose: the library's general sampler
    /// (top-k, top-p) lives with the decoding code.
    /// </summary>
    private static string Sample(RecurrentNet model, CharacterCorpus corpus, double temperature, int length, Generator generator)
    {
        using var noGrad = Autograd.NoGrad();
        var prompt = Prompt.Select(c => (long)Math.Max(0, corpus.Vocabulary.IndexOf(c.ToString()))).ToArray();
        var (logits, state) = model.Run(Tensor.FromArray(prompt, 1, prompt.Length), null);
        logits = logits.Select(1, prompt.Length - 1);
        var ids = new List<int>(length);
        for (int i = 0; i < length; i++)
        {
            var probabilities = (logits.Reshape(-1).To(DType.Float64) / temperature).Softmax(0);
            long token = probabilities.Multinomial(1, generator: generator).Item<long>();
            ids.Add((int)token);
            (logits, state) = model.Run(Tensor.FromArray(new[] { token }, 1, 1), state);
        }
        return corpus.Decode(ids);
    }
}
