using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>Counts, cut-offs, the unknown-word policies and subsampling on corpora small enough to count by hand.</summary>
public class VocabularyTests
{
    // the ×3, cat ×2, and four words once, first seen in the order sat, on, mat, ran.
    private static readonly string[] Corpus = "the cat sat on the mat the cat ran".Split(' ');

    [Fact]
    public void WordsAreOrderedByCountThenFirstOccurrence()
    {
        var vocab = Vocabulary.Build(Corpus);
        Assert.Equal(["the", "cat", "sat", "on", "mat", "ran"], vocab.Words);
        Assert.Equal([3L, 2, 1, 1, 1, 1], vocab.Counts);
        Assert.Equal(9, vocab.TotalCount);
        Assert.Equal(1, vocab.IndexOf("cat"));
        Assert.Equal("mat", vocab[4]);
        Assert.Equal(2, vocab.CountOf("cat"));
        Assert.Equal(0, vocab.CountOf("dog"));
    }

    [Fact]
    public void MinCountCutsBeforeMaxSize()
    {
        Assert.Equal(["the", "cat"], Vocabulary.Build(Corpus, minCount: 2).Words);
        Assert.Equal(["the", "cat", "sat"], Vocabulary.Build(Corpus, maxSize: 3).Words);
        Assert.Equal(["the"], Vocabulary.Build(Corpus, minCount: 2, maxSize: 1).Words);
        Assert.Equal(5, Vocabulary.Build(Corpus, minCount: 2).TotalCount);
    }

    [Fact]
    public void UnknownWordsAreDroppedOrMappedToUnk()
    {
        string[] sentence = ["the", "dog", "cat", "ran"];
        var dropping = Vocabulary.Build(Corpus, minCount: 2);
        Assert.Equal(-1, dropping.IndexOf("dog"));
        Assert.Equal([0, 1], dropping.Encode(sentence));

        var mapping = Vocabulary.Build(Corpus, minCount: 2, unknownWords: UnknownWords.MapToUnknown);
        Assert.Equal([Vocabulary.UnknownToken, "the", "cat"], mapping.Words);
        Assert.Equal([4L, 3, 2], mapping.Counts); // sat, on, mat, ran were cut: 4 tokens
        Assert.Equal(9, mapping.TotalCount);
        Assert.Equal([1, 0, 2, 0], mapping.Encode(sentence));
        Assert.Equal(["the", "<unk>", "cat", "<unk>"], mapping.Decode(mapping.Encode(sentence)));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Contains("the corpus is empty", Assert.Throws<ArgumentException>(() => Vocabulary.Build([])).Message);
        Assert.Contains("no word occurs at least minCount = 4 times in the 9 tokens read (the most frequent occurs 3 times)",
            Assert.Throws<ArgumentException>(() => Vocabulary.Build(Corpus, minCount: 4)).Message);
        Assert.Contains("minCount must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Vocabulary.Build(Corpus, minCount: 0)).Message);
        Assert.Contains("maxSize must be at least 1, got 0", Assert.Throws<ArgumentException>(() => Vocabulary.Build(Corpus, maxSize: 0)).Message);
        Assert.Contains("index 6 is out of range for a vocabulary of 6 words", Assert.Throws<ArgumentException>(() => Vocabulary.Build(Corpus)[6]).Message);
        Assert.Contains("sample must be finite and non-negative, got -1",
            Assert.Throws<ArgumentException>(() => Vocabulary.Build(Corpus).KeepProbability(0, -1)).Message);
    }

    /// <summary>
    /// Counts 900, 81, 16, 2 and 1 make N = 1000, so t = 10⁻³ gives tN = 1 and word2vec's keep probability
    /// (√(f/tN) + 1)·tN/f is (√f + 1)/f: 31/900, 10/81, 5/16, then (√2 + 1)/2 and 2, both above 1, so kept always.
    /// </summary>
    [Fact]
    public void KeepProbabilitiesFollowWord2vecsFormula()
    {
        var vocab = Vocabulary.Build(Repeat(("a", 900), ("b", 81), ("c", 16), ("d", 2), ("e", 1)));
        Assert.Equal(1000, vocab.TotalCount);
        Assert.Equal(31.0 / 900, vocab.KeepProbability(0, 1e-3), 1e-15);
        Assert.Equal(10.0 / 81, vocab.KeepProbability(1, 1e-3), 1e-15);
        Assert.Equal(5.0 / 16, vocab.KeepProbability(2, 1e-3), 1e-15);
        Assert.Equal(1.0, vocab.KeepProbability(3, 1e-3));
        Assert.Equal(1.0, vocab.KeepProbability(4, 1e-3));
        Assert.Equal((Math.Sqrt(32) + 1) / 32, vocab.KeepProbability(2, 0.5e-3), 1e-15); // tN = 1/2: (√(16/(1/2)) + 1)·(1/2)/16
        Assert.Equal(1.0, vocab.KeepProbability(0, 0)); // sample 0 turns subsampling off
    }

    [Fact]
    public void SubsamplingKeepsWordsAtTheirProbabilityAndRepeatsForASeed()
    {
        var vocab = Vocabulary.Build(Repeat(("a", 900), ("b", 81), ("c", 16), ("d", 2), ("e", 1)));
        const int n = 100_000;
        var sentence = Enumerable.Repeat(2, n).ToArray(); // word "c", kept with probability 5/16
        var kept = vocab.Subsample(sentence, new Generator(7), 1e-3);
        double p = 5.0 / 16, bound = 5 * Math.Sqrt(p * (1 - p) / n); // five binomial standard deviations
        Assert.InRange(kept.Count / (double)n, p - bound, p + bound);
        Assert.Equal(kept, vocab.Subsample(sentence, new Generator(7), 1e-3));
        Assert.Equal([3, 3, 3], vocab.Subsample([3, 3, 3], new Generator(1), 1e-3));
    }

    private static IEnumerable<string> Repeat(params (string Word, int Count)[] words) =>
        words.SelectMany(w => Enumerable.Repeat(w.Word, w.Count));
}
