namespace Sharpgrad.Text;

/// <summary>
/// A text as a sequence of character indices, for a character-level language model (Buduma ch7; GBC §10.2.3).
/// <list type="bullet">
/// <item>The vocabulary is a <see cref="Text.Vocabulary"/> whose tokens are single characters (UTF-16 units): most
/// frequent first, ties by first occurrence. It is counted on the whole text, so every validation character has an
/// index.</item>
/// <item>The split is contiguous: the last <c>validationFraction</c> of the characters is the validation text, so no
/// training window overlaps it.</item>
/// <item>Training batches are [N, T] windows at uniformly drawn starts; the targets are the same windows shifted by
/// one character (teacher forcing: the model predicts character t + 1 from characters ≤ t).</item>
/// </list>
/// </summary>
public sealed class CharacterCorpus
{
    public Vocabulary Vocabulary { get; }

    /// <summary>The training characters as vocabulary indices.</summary>
    public int[] Train { get; }

    /// <summary>The validation characters as vocabulary indices.</summary>
    public int[] Validation { get; }

    private CharacterCorpus(Vocabulary vocabulary, int[] train, int[] validation) =>
        (Vocabulary, Train, Validation) = (vocabulary, train, validation);

    /// <summary>Splits <paramref name="text"/> into training and validation characters.</summary>
    public static CharacterCorpus FromText(string text, double validationFraction = 0.1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (validationFraction is not (> 0 and < 1))
            throw new ArgumentException($"CharacterCorpus: validationFraction must lie in (0, 1), got {validationFraction}.", nameof(validationFraction));
        int validation = (int)Math.Round(text.Length * validationFraction);
        if (validation < 2 || text.Length - validation < 2)
            throw new ArgumentException($"CharacterCorpus: a text of {text.Length} characters is too short for a split at {validationFraction}: each part needs at least 2 characters.", nameof(text));
        var characters = text.Select(c => c.ToString()).ToArray();
        var vocabulary = Vocabulary.Build(characters);
        int[] ids = vocabulary.Encode(characters);
        return new CharacterCorpus(vocabulary, ids[..^validation], ids[^validation..]);
    }

    /// <summary>The concatenated UTF-8 files (e.g. <see cref="Fortunes.Files"/>), split as <see cref="FromText"/> does.</summary>
    public static CharacterCorpus FromFiles(IEnumerable<string> paths, double validationFraction = 0.1) =>
        FromText(string.Concat(paths.Select(File.ReadAllText)), validationFraction);

    /// <summary>
    /// <paramref name="batchSize"/> training windows of <paramref name="length"/> characters at starts drawn from
    /// <paramref name="generator"/>: inputs and targets, int64 [N, T].
    /// </summary>
    public (Tensor Inputs, Tensor Targets) TrainingBatch(int batchSize, int length, Generator generator)
    {
        CheckWindow(batchSize, length, Train.Length, "training");
        var starts = new int[batchSize];
        for (int n = 0; n < batchSize; n++) starts[n] = (int)generator.NextInt64(Train.Length - length);
        return Windows(Train, starts, length);
    }

    /// <summary>
    /// The validation text cut into consecutive windows of <paramref name="length"/> (the remainder that does not fill
    /// a window is left out), <paramref name="batchSize"/> windows per batch (the last may have fewer).
    /// </summary>
    public IEnumerable<(Tensor Inputs, Tensor Targets)> ValidationBatches(int batchSize, int length)
    {
        CheckWindow(batchSize, length, Validation.Length, "validation");
        int windows = (Validation.Length - 1) / length;
        for (int first = 0; first < windows; first += batchSize)
        {
            var starts = Enumerable.Range(first, Math.Min(batchSize, windows - first)).Select(w => w * length).ToArray();
            yield return Windows(Validation, starts, length);
        }
    }

    /// <summary>
    /// The perplexity of the validation text under the training text's character frequencies with add-one smoothing,
    /// exp(−(1/n) Σ log p(c)), p(c) = (count(c) + 1)/(N + V): the baseline a model that ignores context reaches.
    /// </summary>
    public double UnigramPerplexity()
    {
        var counts = new long[Vocabulary.Count];
        foreach (int id in Train) counts[id]++;
        double denominator = Train.Length + Vocabulary.Count;
        double logLikelihood = Validation.Sum(id => Math.Log((counts[id] + 1) / denominator));
        return Math.Exp(-logLikelihood / Validation.Length);
    }

    /// <summary>Characters for indices (what a sampler prints).</summary>
    public string Decode(IEnumerable<int> ids) => string.Concat(Vocabulary.Decode(ids));

    private static (Tensor Inputs, Tensor Targets) Windows(int[] ids, int[] starts, int length)
    {
        var inputs = new long[starts.Length * length];
        var targets = new long[starts.Length * length];
        for (int n = 0; n < starts.Length; n++)
            for (int t = 0; t < length; t++)
            {
                inputs[n * length + t] = ids[starts[n] + t];
                targets[n * length + t] = ids[starts[n] + t + 1];
            }
        return (Tensor.FromArray(inputs, starts.Length, length), Tensor.FromArray(targets, starts.Length, length));
    }

    private static void CheckWindow(int batchSize, int length, int available, string part)
    {
        if (batchSize < 1 || length < 1)
            throw new ArgumentException($"CharacterCorpus: batchSize and length must be positive, got {batchSize} and {length}.");
        if (length + 1 > available)
            throw new ArgumentException($"CharacterCorpus: a window of {length} characters and its next-character target need {length + 1}, but the {part} text has {available}.");
    }
}
