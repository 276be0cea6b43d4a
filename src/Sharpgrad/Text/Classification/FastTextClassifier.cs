using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Text.Classification;

/// <summary>
/// The fastText text classifier (Joulin, Grave, Bojanowski &amp; Mikolov 2016, "Bag of Tricks for Efficient Text
/// Classification"; NYU 6.5.2): a linear model over a bag of features with a low-rank factorisation. A text's features
/// are its vocabulary words and its hashed word n-grams (<see cref="WordNgramHashes"/>); their vectors (rows of A) are
/// averaged into the hidden representation h, and a linear layer B with a softmax gives P(label | text) = softmax(B h).
/// Training minimises −log P(label | text) by SGD, one text at a time, the step linear from lr to 0 over the run (§2).
/// </summary>
/// <remarks>
/// As fastText's code (<c>Model::update</c>, softmax loss): with p = softmax(B h) and y the one-hot label, each row b_l
/// of B moves by α(y_l − p_l)·h, and every feature row of A by (1/n)·Σ_l α(y_l − p_l)·b_l (the gradient of the mean,
/// taken with B before its update). A starts uniform in ±1/d, B at zero, as fastText. Differences: texts are shuffled
/// each epoch with the seed (fastText reads its file in order; shuffling spares the user a sorted training file), no
/// end-of-line token is added, one thread (so the seed fixes every bit), and the hierarchical softmax (for thousands of
/// labels) is not offered: a plain softmax is exact and cheap for the few labels of a classification task.
/// A host algorithm on float rows like <see cref="Word2Vec"/>: each step touches a handful of rows of a large table.
/// </remarks>
public sealed class FastTextClassifier
{
    private readonly float[] input;  // A: (V + buckets) × d, words then n-gram buckets
    private readonly float[] output; // B: labels × d
    private readonly string[] labels;
    private readonly Dictionary<string, int> labelIndex;
    private readonly int d;

    private FastTextClassifier(Vocabulary vocabulary, string[] labels, FastTextClassifierOptions options)
    {
        Vocabulary = vocabulary;
        Options = options;
        this.labels = labels;
        labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i);
        d = options.VectorSize;
        int buckets = options.WordNgrams > 1 ? options.Buckets : 0;
        input = new float[checked((long)(vocabulary.Count + buckets) * d)];
        output = new float[labels.Length * d];
        var random = new Generator(options.Seed);
        for (int i = 0; i < input.Length; i++) input[i] = (float)((2 * random.NextDouble() - 1) / d);
    }

    /// <summary>The hyper-parameters, validated.</summary>
    public FastTextClassifierOptions Options { get; }

    /// <summary>The words that have their own vector.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The labels, most frequent in training first (ties in ordinal order); <see cref="Probabilities"/> follows this order.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>The mean −log P(label | text) over each training epoch, measured as it went.</summary>
    public IReadOnlyList<double> EpochLosses { get; private set; } = [];

    /// <summary>
    /// Trains a classifier on <paramref name="examples"/>: the vocabulary (words seen MinCount times) and the labels
    /// come from them. <paramref name="progress"/> hears (epoch from 1, its mean loss) after each epoch.
    /// </summary>
    public static FastTextClassifier Train(IReadOnlyList<LabeledText> examples, FastTextClassifierOptions? options = null, Action<int, double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new FastTextClassifierOptions();
        options.Validate();
        if (examples.Count == 0) throw new ArgumentException("FastTextClassifier.Train: expected at least one labelled text, got none.", nameof(examples));
        for (int n = 0; n < examples.Count; n++)
            if (examples[n].Words.Count == 0)
                throw new ArgumentException($"FastTextClassifier.Train: text {n} (label '{examples[n].Label}') is empty; expected at least one word.", nameof(examples));
        var labels = examples.GroupBy(e => e.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToArray();
        if (labels.Length < 2)
            throw new ArgumentException($"FastTextClassifier.Train: every text has the label '{labels[0]}'; expected at least two labels.", nameof(examples));
        var vocabulary = Vocabulary.Build(examples.SelectMany(e => e.Words), options.MinCount);
        var model = new FastTextClassifier(vocabulary, labels, options);
        model.Fit(examples, progress);
        return model;
    }

    private void Fit(IReadOnlyList<LabeledText> examples, Action<int, double>? progress)
    {
        var features = examples.Select(e => Features(e.Words)).ToArray();
        var targets = examples.Select(e => labelIndex[e.Label]).ToArray();
        long total = examples.Sum(e => (long)e.Words.Count) * Options.Epochs, seen = 0;
        // A stream of its own for the shuffles: the initial weights drew from Generator(Seed), and reusing it would tie
        // the first epoch's order to the first rows' initial values.
        var random = new Generator(Word2VecWorker.BlockSeed(Options.Seed, 1));
        var hidden = new float[d];
        var gradient = new float[d];
        var probabilities = new double[labels.Length];
        var losses = new List<double>(Options.Epochs);
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            double loss = 0;
            int steps = 0;
            foreach (int n in random.Permutation(examples.Count))
            {
                // Linear decay to 0 over the run, read before each text (fastText: lr·(1 − progress)).
                float rate = (float)(Options.LearningRate * (1 - (double)seen / total));
                seen += examples[n].Words.Count;
                if (features[n].Length == 0) continue; // every word below MinCount and no n-gram: nothing to train
                loss += Step(features[n], targets[n], rate, hidden, gradient, probabilities);
                steps++;
            }
            losses.Add(steps == 0 ? 0 : loss / steps);
            progress?.Invoke(epoch, losses[^1]);
        }
        EpochLosses = losses;
    }

    /// <summary>One SGD step on one text; returns its −log P(target) before the step.</summary>
    private double Step(int[] rows, int target, float rate, float[] hidden, float[] gradient, double[] probabilities)
    {
        Hidden(rows, hidden);
        Softmax(hidden, probabilities);
        Array.Clear(gradient);
        for (int l = 0; l < labels.Length; l++)
        {
            float g = rate * ((l == target ? 1 : 0) - (float)probabilities[l]);
            var b = output.AsSpan(l * d, d);
            Blas1.Axpy(g, b, gradient); // with B before its update, as fastText
            Blas1.Axpy(g, hidden, b);
        }
        float share = 1f / rows.Length;
        foreach (int row in rows) Blas1.Axpy(share, gradient, input.AsSpan(row * d, d));
        return -Math.Log(Math.Max(probabilities[target], double.Epsilon));
    }

    /// <summary>The input rows of a text: its vocabulary words', then its word n-grams' buckets (after the V word rows).</summary>
    private int[] Features(IReadOnlyList<string> words)
    {
        var rows = new List<int>(words.Count * Options.WordNgrams);
        foreach (var word in words)
        {
            int index = Vocabulary.IndexOf(word);
            if (index >= 0) rows.Add(index);
        }
        if (Options.WordNgrams > 1)
            rows.AddRange(WordNgramHashes.Buckets(words, Options.WordNgrams, Options.Buckets).Select(b => Vocabulary.Count + b));
        return [.. rows];
    }

    /// <summary>h = the mean of the feature rows.</summary>
    private void Hidden(int[] rows, float[] hidden)
    {
        Array.Clear(hidden);
        foreach (int row in rows) Blas1.Axpy(1f, input.AsSpan(row * d, d), hidden);
        float inverse = 1f / rows.Length;
        for (int k = 0; k < d; k++) hidden[k] *= inverse;
    }

    /// <summary>softmax(B h), in double, the largest score subtracted first so exp never overflows.</summary>
    private void Softmax(float[] hidden, double[] probabilities)
    {
        double max = double.NegativeInfinity;
        for (int l = 0; l < labels.Length; l++) max = Math.Max(max, probabilities[l] = Blas1.Dot(hidden, output.AsSpan(l * d, d)));
        double sum = 0;
        for (int l = 0; l < labels.Length; l++) sum += probabilities[l] = Math.Exp(probabilities[l] - max);
        for (int l = 0; l < labels.Length; l++) probabilities[l] /= sum;
    }

    /// <summary>P(label | text) for every label, in <see cref="Labels"/>' order.</summary>
    public double[] Probabilities(IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var rows = Features(words);
        if (rows.Length == 0)
            throw new ArgumentException(words.Count == 0
                ? "FastTextClassifier: cannot classify an empty text; expected at least one word."
                : $"FastTextClassifier: cannot classify the text: none of its {words.Count} word(s) is in the vocabulary of {Vocabulary.Count} words"
                  + (Options.WordNgrams > 1 ? " and it has no word n-gram" : "") + $" (e.g. '{words[0]}'); there is nothing to classify it by.", nameof(words));
        var hidden = new float[d];
        var probabilities = new double[labels.Length];
        Hidden(rows, hidden);
        Softmax(hidden, probabilities);
        return probabilities;
    }

    /// <summary>The most probable label of a text.</summary>
    public string Predict(IReadOnlyList<string> words)
    {
        var p = Probabilities(words);
        int best = 0;
        for (int l = 1; l < p.Length; l++)
            if (p[l] > p[best]) best = l;
        return labels[best];
    }

    /// <summary>
    /// The fraction of <paramref name="examples"/> whose predicted label is their label; a text with nothing to
    /// classify it by (no vocabulary word, no n-gram) counts as wrong rather than failing the whole evaluation.
    /// </summary>
    public double Accuracy(IReadOnlyList<LabeledText> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("FastTextClassifier.Accuracy: expected at least one labelled text, got none.", nameof(examples));
        return examples.Count(e => Features(e.Words).Length > 0 && Predict(e.Words) == e.Label) / (double)examples.Count;
    }
}
