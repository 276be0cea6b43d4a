using Sharpgrad.Text;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The text the word-embedding experiments train on, with the synonyms their quality score asks about. The full
/// run reads Debian's <c>fortunes</c> (440 k words of English; <c>apt-get install fortunes</c>) and scores against
/// WordNet (<c>wordnet-base</c>). Quick runs use <see cref="Tiny"/>, a built-in synthetic corpus, so the tests need
/// no package.
/// </summary>
internal sealed record EmbeddingCorpus(string Name, IReadOnlyList<IReadOnlyList<string>> Sentences, Dictionary<string, HashSet<string>> Synonyms, int MinCount)
{
    /// <summary>WordNet's files, as Debian installs them.</summary>
    public const string WordNetRoot = "/usr/share/wordnet";

    /// <summary>The tiny corpus for quick runs, or fortunes + WordNet for a full one.</summary>
    public static EmbeddingCorpus Load(bool quick, long seed) => quick ? Tiny(seed) : FortunesWithWordNet();

    /// <summary>Fortunes, one sentence a line, tokenised; words seen at least 5 times (word2vec's default min count).</summary>
    public static EmbeddingCorpus FortunesWithWordNet()
    {
        var sentences = new CorpusReader(Fortunes.Files()).Sentences().Select(s => (IReadOnlyList<string>)[.. s]).ToList();
        Dictionary<string, HashSet<string>> synonyms;
        try
        {
            synonyms = WordNetSynonyms.Read(WordNetRoot);
        }
        catch (FileNotFoundException e)
        {
            throw Sharpgrad.Data.MissingData.Mark(e, "wordnet-base");   // so `experiments run --all` skips rather than fails
        }
        return new EmbeddingCorpus("fortunes", sentences, synonyms, MinCount: 5);
    }

    /// <summary>
    /// Six topics, each with two synonymous centre words and six context words of its own, and five function words
    /// shared by all. A sentence is five words: a context word, a function word, the centre word, two context words,
    /// drawn with the seed; a context word is the topic's four times in five, another topic's otherwise. The synonyms share every context, so the distributional hypothesis says they must become
    /// neighbours; the function words and the leaks tie the topics together, as real text does (GloVe, which fits
    /// only non-zero counts, could otherwise place the topics anywhere relative to each other).
    /// </summary>
    public static EmbeddingCorpus Tiny(long seed, int sentences = 1200)
    {
        var random = new Generator(seed);
        var corpus = new List<IReadOnlyList<string>>(sentences);
        string Pick(string[] words) => words[random.NextInt64(words.Length)];
        for (int s = 0; s < sentences; s++)
        {
            var (pair, context) = TinyTopics[(int)random.NextInt64(TinyTopics.Length)];
            // One context word in five comes from another topic: the leaks give GloVe, which fits only non-zero
            // counts, the contrast of high counts inside a topic and low ones across.
            string Context() => random.NextDouble() < 0.8 ? Pick(context) : Pick(TinyTopics[random.NextInt64(TinyTopics.Length)].Context);
            corpus.Add([Context(), Pick(FunctionWords), Pick(pair), Context(), Context()]);
        }
        var synonyms = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (pair, _) in TinyTopics)
        {
            synonyms[pair[0]] = [pair[1]];
            synonyms[pair[1]] = [pair[0]];
        }
        return new EmbeddingCorpus("tiny", corpus, synonyms, MinCount: 1);
    }

    internal static readonly string[] FunctionWords = ["the", "a", "of", "and", "with"];

    internal static readonly (string[] Pair, string[] Context)[] TinyTopics =
    [
        (["automobile", "motorcar"], ["road", "wheel", "engine", "driver", "garage", "petrol"]),
        (["cheerful", "joyful"], ["smile", "laughter", "party", "sunshine", "celebrate", "friends"]),
        (["enormous", "gigantic"], ["mountain", "elephant", "ocean", "tower", "whale", "giant"]),
        (["commence", "begin"], ["start", "opening", "launch", "first", "initial", "onset"]),
        (["physician", "doctor"], ["hospital", "patient", "medicine", "nurse", "surgery", "clinic"]),
        (["purchase", "acquire"], ["shop", "money", "price", "market", "store", "payment"]),
    ];
}
