using System.Text.Json;
using Sharpgrad.Tests.Support;
using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>fastText's n-grams and hashes (against fastText's C++ rewritten in Python, Fixtures/make_fasttext_fixtures.py), and subword training.</summary>
public class FastTextTests
{
    /// <summary>Bojanowski et al.'s example (§3.2): "where" with n = 3 is &lt;wh, whe, her, ere, re&gt;.</summary>
    [Fact]
    public void ThePapersExample()
    {
        Assert.Equal(["<wh", "whe", "her", "ere", "re>"], CharacterNgrams.Of("where", 3, 3));
        // "her" at 3..6: the wrapped word "<her>" (5 characters) is one of its own n-grams.
        Assert.Equal(["<he", "<her", "<her>", "her", "her>", "er>"], CharacterNgrams.Of("her"));
    }

    [Fact]
    public void NgramsHashesAndBucketsMatchFastText()
    {
        foreach (var c in Fixture.Load("fasttext.json").GetProperty("cases").EnumerateArray())
        {
            string word = c.GetProperty("word").GetString()!;
            int minN = c.GetProperty("minn").GetInt32(), maxN = c.GetProperty("maxn").GetInt32();
            var expected = c.GetProperty("ngrams").EnumerateArray().Select(e => e.GetString()!).ToArray();
            var ngrams = CharacterNgrams.Of(word, minN, maxN);
            Assert.Equal(expected, ngrams);
            Assert.Equal(c.GetProperty("hashes").EnumerateArray().Select(e => e.GetUInt32()), ngrams.Select(CharacterNgrams.Hash));
            Assert.Equal(c.GetProperty("buckets").EnumerateArray().Select(e => e.GetInt32()), ngrams.Select(g => CharacterNgrams.Bucket(g, 2_000_000)));
        }
    }

    /// <summary>The published FNV-1a test vectors (ASCII, where fastText's signed-char quirk is silent), and one byte above 0x7F where it is not.</summary>
    [Fact]
    public void TheHashIsFnv1aWithFastTextsSignedBytes()
    {
        Assert.Equal(0x811C9DC5u, CharacterNgrams.Hash(""));
        Assert.Equal(0xE40C292Cu, CharacterNgrams.Hash("a"));
        Assert.Equal(0xBF9CF968u, CharacterNgrams.Hash("foobar"));
        // "é" is C3 A9: standard FNV-1a XORs 0xC3, fastText 0xFFFFFFC3, so the products differ.
        uint h = 2166136261;
        foreach (uint b in new uint[] { 0xFFFFFFC3, 0xFFFFFFA9 }) h = (h ^ b) * 16777619;
        Assert.Equal(h, CharacterNgrams.Hash("é"));
    }

    /// <summary>
    /// "helo" against hello, help and world by the Jaccard index of the distinct 3–6-grams: helo has 10, hello 14,
    /// sharing &lt;he, &lt;hel, hel, lo&gt; (4/20 = 0.2); help has 10 and shares 3 (3/17); world shares none.
    /// </summary>
    [Fact]
    public void TheNearestWordBySpelling()
    {
        var best = CharacterNgrams.NearestBySpelling("helo", ["world", "help", "hello"]);
        Assert.Equal(("hello", 0.2), best);
        Assert.Null(CharacterNgrams.NearestBySpelling("xyz", ["world", "help"]));
    }

    /// <summary>A vocabulary word's vector is the mean of its own row and its n-grams' buckets; an unknown word's, of its n-grams' alone.</summary>
    [Fact]
    public void AWordIsTheMeanOfItsRows()
    {
        var vocabulary = Vocabulary.Build(["cat", "cat", "dog", "fur"]);
        var model = new FastText(vocabulary, new Word2VecOptions { VectorSize = 3, Window = 1 }, new SubwordOptions { Buckets = 101 });
        var input = model.InputVectors.ToArray();
        float[] MeanOf(IEnumerable<int> rows)
        {
            var list = rows.ToList();
            return [.. Enumerable.Range(0, 3).Select(k => list.Sum(r => input[r * 3 + k]) / list.Count)];
        }
        // cat: its own row 0 and <ca, <cat, <cat>, cat, cat>, at> in buckets 3 + hash mod 101.
        string[] catGrams = ["<ca", "<cat", "<cat>", "cat", "cat>", "at>"];
        var catRows = catGrams.Select(g => 3 + CharacterNgrams.Bucket(g, 101)).Prepend(0);
        AssertClose(MeanOf(catRows), model.Vector("cat"));
        // "cats" is unknown: <ca, <cat, <cats, <cats>, cat, cats, cats>, ats, ats>, ts>.
        string[] catsGrams = ["<ca", "<cat", "<cats", "<cats>", "cat", "cats", "cats>", "ats", "ats>", "ts>"];
        AssertClose(MeanOf(catsGrams.Select(g => 3 + CharacterNgrams.Bucket(g, 101))), model.Vector("cats"));
        var vectors = model.Vectors();
        AssertClose(model.Vector("dog"), vectors["dog"].ToArray());
        // With 6-grams only, "a" ("<a>", 3 characters) has no n-gram: the zero vector.
        var sixes = new FastText(vocabulary, new Word2VecOptions { VectorSize = 3, Window = 1 }, new SubwordOptions { MinN = 6, MaxN = 6, Buckets = 7 });
        Assert.Equal([0f, 0f, 0f], sixes.Vector("a"));
    }

    /// <summary>
    /// The two-topic corpus: after training the topics separate, and the unseen misspellings "catt" and "buss" get
    /// vectors from their n-grams whose nearest vocabulary word is the word they misspell ("catt" shares &lt;ca, &lt;cat
    /// and cat with "cat", only &lt;ca with "car").
    /// </summary>
    [Fact]
    public void UnseenWordsLandNextToTheirCorrectForms()
    {
        var corpus = Word2VecTrainingTests.TwoTopicCorpus(sentences: 600);
        var model = new FastText(Vocabulary.Build(corpus.SelectMany(s => s)),
            new Word2VecOptions { VectorSize = 16, Window = 2, Epochs = 8, Sample = 0, Alpha = 0.05, BlockWords = 500, Seed = 2 },
            new SubwordOptions { Buckets = 5003 });
        var done = model.Train(corpus);
        Assert.True(done.MeanLoss > 0 && double.IsFinite(done.MeanLoss));
        var vectors = model.Vectors();
        Assert.Equal("dog", vectors.MostSimilar("cat", 1)[0].Word);
        Assert.Equal("bus", vectors.MostSimilar("car", 1)[0].Word);
        Assert.False(model.Vocabulary.Contains("catt"));
        Assert.Equal("cat", model.MostSimilar("catt", 1, vectors)[0].Word);
        Assert.Equal("bus", model.MostSimilar("buss", 1, vectors)[0].Word);
    }

    [Fact]
    public void TheDeterministicModeGivesTheSameBitsAtAnyThreadCount()
    {
        var corpus = Word2VecTrainingTests.TwoTopicCorpus(sentences: 150);
        float[] Run(int threads)
        {
            var model = new FastText(Vocabulary.Build(corpus.SelectMany(s => s)),
                new Word2VecOptions { VectorSize = 4, Window = 2, Epochs = 1, BlockWords = 101, Deterministic = true, Threads = threads, Seed = 3 },
                new SubwordOptions { Buckets = 97 });
            model.Train(corpus);
            return model.InputVectors.ToArray();
        }
        Assert.Equal(Run(1), Run(2));
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        var vocabulary = Vocabulary.Build(["a", "b", "c", "d", "e", "f"]);
        Assert.Contains("only the subword skip-gram", Assert.Throws<ArgumentException>(() =>
            new FastText(vocabulary, new Word2VecOptions { Architecture = Word2VecArchitecture.Cbow })).Message);
        Assert.Contains("Buckets must be at least 1", Assert.Throws<ArgumentException>(() =>
            new FastText(vocabulary, new Word2VecOptions(), new SubwordOptions { Buckets = 0 })).Message);
        Assert.Contains("expected 1 ≤ minN ≤ maxN, got minN = 4, maxN = 3", Assert.Throws<ArgumentException>(() => CharacterNgrams.Of("word", 4, 3)).Message);
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6);
    }
}
