namespace Sharpgrad.Text;

/// <summary>
/// The words of a corpus with their counts and indices. Indices run from the most frequent word down; words of equal
/// count keep the order of their first occurrence in the token stream (a stable sort, so a corpus always gives the
/// same vocabulary). Words seen fewer than <c>minCount</c> times are cut first, then all but the <c>maxSize</c> most
/// frequent. What happens to the words cut is the <see cref="UnknownWords"/> policy.
/// </summary>
public sealed class Vocabulary
{
    /// <summary>The token that stands for every unknown word under <see cref="UnknownWords.MapToUnknown"/>.</summary>
    public const string UnknownToken = "<unk>";

    private readonly string[] words;
    private readonly long[] counts;
    private readonly Dictionary<string, int> indexOf;

    private Vocabulary(string[] words, long[] counts, UnknownWords unknownWords)
    {
        this.words = words;
        this.counts = counts;
        UnknownWords = unknownWords;
        indexOf = new Dictionary<string, int>(words.Length, StringComparer.Ordinal);
        for (int i = 0; i < words.Length; i++) indexOf[words[i]] = i;
        TotalCount = counts.Sum();
    }

    /// <summary>
    /// Counts <paramref name="tokens"/> (read once, so a streaming <see cref="CorpusReader"/> works) and keeps the
    /// words seen at least <paramref name="minCount"/> times, at most <paramref name="maxSize"/> of them (not counting
    /// <see cref="UnknownToken"/>). A literal "&lt;unk&gt;" in the stream counts as an unknown word under
    /// <see cref="UnknownWords.MapToUnknown"/>.
    /// </summary>
    public static Vocabulary Build(IEnumerable<string> tokens, int minCount = 1, int? maxSize = null, UnknownWords unknownWords = UnknownWords.Drop)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (minCount < 1) throw new ArgumentException($"Vocabulary.Build: minCount must be at least 1, got {minCount}.", nameof(minCount));
        if (maxSize < 1) throw new ArgumentException($"Vocabulary.Build: maxSize must be at least 1, got {maxSize}.", nameof(maxSize));
        bool mapUnknown = unknownWords == UnknownWords.MapToUnknown;

        // Counted in order of first occurrence, so the stable sort below breaks ties by it.
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenWords = new List<string>();
        var seenCounts = new List<long>();
        long tokenCount = 0, literalUnknown = 0;
        foreach (var token in tokens)
        {
            tokenCount++;
            if (mapUnknown && token == UnknownToken) { literalUnknown++; continue; }
            if (firstSeen.TryGetValue(token, out int i)) seenCounts[i]++;
            else
            {
                firstSeen[token] = seenWords.Count;
                seenWords.Add(token);
                seenCounts.Add(1);
            }
        }
        var kept = Enumerable.Range(0, seenWords.Count).Where(i => seenCounts[i] >= minCount)
            .OrderByDescending(i => seenCounts[i]).Take(maxSize ?? int.MaxValue).ToList();
        if (kept.Count == 0)
            throw new ArgumentException(tokenCount == 0
                ? "Vocabulary.Build: the corpus is empty; expected at least one token."
                : $"Vocabulary.Build: no word occurs at least minCount = {minCount} times in the {tokenCount} tokens read "
                  + $"(the most frequent occurs {seenCounts.DefaultIfEmpty(0).Max()} times).", nameof(tokens));

        IEnumerable<string> keptWords = kept.Select(i => seenWords[i]);
        IEnumerable<long> keptCounts = kept.Select(i => seenCounts[i]);
        if (mapUnknown)
        {
            long cut = seenCounts.Sum() - keptCounts.Sum() + literalUnknown;
            keptWords = keptWords.Prepend(UnknownToken);
            keptCounts = keptCounts.Prepend(cut);
        }
        return new Vocabulary([.. keptWords], [.. keptCounts], unknownWords);
    }

    /// <summary>
    /// Counts the tokens of <paramref name="sentences"/> as <see cref="Build"/> does, and remembers how many sentences
    /// there were (<see cref="SentenceCount"/>), which word2vec's sentence clock of the learning rate needs
    /// (<see cref="Embeddings.LearningRateClock.Sentences"/>): gensim's <c>build_vocab</c> counts them the same way.
    /// </summary>
    public static Vocabulary FromSentences(IEnumerable<IReadOnlyList<string>> sentences, int minCount = 1, int? maxSize = null,
        UnknownWords unknownWords = UnknownWords.Drop)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var counter = new SentenceCounter();
        var vocabulary = Build(counter.Tokens(sentences), minCount, maxSize, unknownWords);
        vocabulary.SentenceCount = counter.Count;
        return vocabulary;
    }

    /// <summary>Flattens sentences into tokens, counting the sentences as they stream past (one pass over a corpus).</summary>
    private sealed class SentenceCounter
    {
        public long Count { get; private set; }

        public IEnumerable<string> Tokens(IEnumerable<IReadOnlyList<string>> sentences)
        {
            foreach (var sentence in sentences)
            {
                Count++;
                foreach (var token in sentence) yield return token;
            }
        }
    }

    /// <summary>The sentences the vocabulary was counted from (<see cref="FromSentences"/>), or 0 when it was built from bare tokens.</summary>
    public long SentenceCount { get; private set; }

    /// <summary>The number of entries, <see cref="UnknownToken"/> included when present.</summary>
    public int Count => words.Length;

    /// <summary>The policy for words not in the vocabulary.</summary>
    public UnknownWords UnknownWords { get; }

    /// <summary>The index of <see cref="UnknownToken"/> (0), or −1 under <see cref="UnknownWords.Drop"/>.</summary>
    public int UnknownIndex => UnknownWords == UnknownWords.MapToUnknown ? 0 : -1;

    /// <summary>The words by index.</summary>
    public IReadOnlyList<string> Words => words;

    /// <summary>The corpus counts by index (for <see cref="UnknownToken"/>: the tokens cut).</summary>
    public IReadOnlyList<long> Counts => counts;

    /// <summary>N, the number of corpus tokens the vocabulary covers: the sum of <see cref="Counts"/>.</summary>
    public long TotalCount { get; }

    /// <summary>The word at <paramref name="index"/>.</summary>
    public string this[int index] => (uint)index < (uint)words.Length ? words[index]
        : throw new ArgumentException($"Vocabulary: index {index} is out of range for a vocabulary of {words.Length} words.", nameof(index));

    /// <summary>Whether <paramref name="word"/> has its own entry.</summary>
    public bool Contains(string word) => indexOf.ContainsKey(word);

    /// <summary>The index of <paramref name="word"/>; an unknown word gives <see cref="UnknownIndex"/> (−1 under Drop).</summary>
    public int IndexOf(string word) => indexOf.TryGetValue(word, out int i) ? i : UnknownIndex;

    /// <summary>The corpus count of <paramref name="word"/>, 0 when it has no entry.</summary>
    public long CountOf(string word) => indexOf.TryGetValue(word, out int i) ? counts[i] : 0;

    /// <summary>The indices of <paramref name="tokens"/>; unknown words are left out or mapped, by the policy.</summary>
    public int[] Encode(IEnumerable<string> tokens) => [.. tokens.Select(IndexOf).Where(i => i >= 0)];

    /// <summary>The words of <paramref name="indices"/>.</summary>
    public string[] Decode(IEnumerable<int> indices) => [.. indices.Select(i => this[i])];

    /// <summary>
    /// The probability that frequent-word subsampling keeps an occurrence of word <paramref name="index"/>, with
    /// threshold t = <paramref name="sample"/>: the formula of word2vec's C code (and gensim),
    /// min(1, (√(f/(tN)) + 1)·tN/f) with f the word's count and N = <see cref="TotalCount"/>, not the paper's
    /// 1 − √(t/(f/N)). The two agree in spirit (rare words always kept, a word of frequency r kept about √(t/r) of the
    /// time) but differ in value; the C code's is the one the published vectors were trained with and the one a
    /// comparison with gensim needs. A sample of 0 turns subsampling off (probability 1), as in word2vec.
    /// </summary>
    public double KeepProbability(int index, double sample = 1e-3)
    {
        if (!double.IsFinite(sample) || sample < 0)
            throw new ArgumentException($"Vocabulary.KeepProbability: sample must be finite and non-negative, got {sample}.", nameof(sample));
        long f = counts[(uint)index < (uint)counts.Length ? index
            : throw new ArgumentException($"Vocabulary.KeepProbability: index {index} is out of range for a vocabulary of {words.Length} words.", nameof(index))];
        if (sample == 0 || f == 0) return 1;
        double threshold = sample * TotalCount;
        return Math.Min(1, (Math.Sqrt(f / threshold) + 1) * threshold / f);
    }

    /// <summary>
    /// The words of <paramref name="sentence"/> that subsampling keeps, in order: one uniform number from
    /// <paramref name="generator"/> per word, kept when below <see cref="KeepProbability"/>. Every word takes its draw,
    /// kept or not, so the stream's position depends only on the sentence lengths.
    /// </summary>
    public List<int> Subsample(IEnumerable<int> sentence, Generator generator, double sample = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(generator);
        var kept = new List<int>();
        foreach (int word in sentence)
            if (generator.NextDouble() < KeepProbability(word, sample)) kept.Add(word);
        return kept;
    }

    /// <summary>The negative-sampling noise distribution over this vocabulary, counts raised to <paramref name="power"/>.</summary>
    public NoiseSampler NoiseSampler(double power = 0.75) => new(counts, power);
}
