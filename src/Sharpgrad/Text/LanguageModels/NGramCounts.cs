namespace Sharpgrad.Text;

/// <summary>
/// The n-gram statistics of a corpus of sentences (GBC §12.4.1), shared by the n-gram language models. Each sentence
/// is padded with n − 1 <see cref="Begin"/> marks and one <see cref="End"/> mark, and at every position that is
/// predicted (each word and the end mark) the k-gram ending there is counted for every order k = 1 … n. Every order
/// is therefore counted over the same N positions, so the joint frequencies Pₖ(g) = cₖ(g)/N are marginals of one
/// another, as GBC eq. 12.5–12.7 assume.
/// </summary>
public sealed class NGramCounts
{
    public const string Begin = "<s>", End = "</s>";

    private readonly NGramTable[] raw;
    private readonly HashSet<string> known;

    /// <summary>n: the longest n-gram counted.</summary>
    public int Order { get; }

    /// <summary>The words a model predicts: every word of the corpus in order of first occurrence, then <see cref="End"/>.</summary>
    public IReadOnlyList<string> Vocabulary { get; }

    /// <summary>N: the number of predicted positions (words plus one end mark per sentence).</summary>
    public long Positions => raw[0].Total;

    public NGramCounts(IEnumerable<IReadOnlyList<string>> sentences, int order)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (order < 1) throw new ArgumentException($"NGramCounts: order must be at least 1, got {order}.", nameof(order));
        Order = order;
        raw = [.. Enumerable.Range(0, order).Select(_ => new NGramTable())];
        var words = new List<string>();
        known = new HashSet<string>(StringComparer.Ordinal);
        int sentenceCount = 0;
        foreach (var sentence in sentences)
        {
            sentenceCount++;
            var padded = Pad(sentence, sentenceCount);
            foreach (var word in sentence)
                if (known.Add(word)) words.Add(word);
            for (int i = order - 1; i < padded.Length; i++)
                for (int k = 1; k <= order; k++)
                    raw[k - 1].Add(NGramTable.Key(padded.Skip(i - k + 1).Take(k)), 1);
        }
        if (words.Count == 0)
            throw new ArgumentException($"NGramCounts: empty vocabulary: the corpus of {sentenceCount} sentences has no words.", nameof(sentences));
        known.Add(End);
        Vocabulary = [.. words, End];
    }

    private string[] Pad(IReadOnlyList<string> sentence, int number)
    {
        foreach (var word in sentence)
            if (word is Begin or End || string.IsNullOrEmpty(word) || word.Contains('\u001F'))
                throw new ArgumentException($"NGramCounts: sentence {number} contains the word \"{word}\", which is empty, a boundary mark or holds U+001F.");
        return [.. Enumerable.Repeat(Begin, Order - 1), .. sentence, End];
    }

    /// <summary>The raw count table of order k (1 … n).</summary>
    internal NGramTable Table(int k) => raw[k - 1];

    /// <summary>cₖ(g) for the k-gram <paramref name="gram"/>, k ≤ n.</summary>
    public long Count(IReadOnlyList<string> gram)
    {
        CheckGram(gram);
        return raw[gram.Count - 1].Count(NGramTable.Key(gram));
    }

    /// <summary>Pₖ(g) = cₖ(g)/N, the joint frequency of a k-gram among the N counted positions.</summary>
    public double Joint(IReadOnlyList<string> gram) => (double)Count(gram) / Positions;

    private void CheckGram(IReadOnlyList<string> gram)
    {
        ArgumentNullException.ThrowIfNull(gram);
        if (gram.Count < 1 || gram.Count > Order)
            throw new ArgumentException($"NGramCounts: an n-gram of {gram.Count} words does not fit order {Order}.", nameof(gram));
        foreach (var word in gram) CheckContextWord(word);
    }

    /// <summary>Throws for a word that is not in the vocabulary (the begin mark is allowed).</summary>
    internal void CheckContextWord(string word)
    {
        if (word != Begin && !known.Contains(word))
            throw new ArgumentException($"n-gram language model: unknown token \"{word}\" (not among the {Vocabulary.Count} words of the vocabulary).");
    }

    /// <summary>
    /// The last n − 1 words of <paramref name="context"/>, padded on the left with begin marks, each checked; the word to
    /// predict is checked too and may not be the begin mark.
    /// </summary>
    internal string[] FullContext(IReadOnlyList<string> context, string word)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (word == Begin || !known.Contains(word))
            throw new ArgumentException($"n-gram language model: unknown token \"{word}\" to predict (not among the {Vocabulary.Count} words of the vocabulary).");
        foreach (var w in context) CheckContextWord(w);
        int keep = Math.Min(Order - 1, context.Count);
        return [.. Enumerable.Repeat(Begin, Order - 1 - keep), .. context.Skip(context.Count - keep)];
    }
}
