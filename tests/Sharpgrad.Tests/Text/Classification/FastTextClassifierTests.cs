using Sharpgrad.Tests.Text.Embeddings;
using Sharpgrad.Text;
using Sharpgrad.Text.Classification;

namespace Sharpgrad.Tests.Text.Classification;

/// <summary>The fastText classifier: its n-gram hashes, what bigrams add to a bag of words, and real English.</summary>
public class FastTextClassifierTests
{
    /// <summary>
    /// fastText's word n-gram buckets of "the cat sat", computed by hand (Python, following fastText's addWordNgrams):
    /// FNV-1a of each word (the 0xb40eb21c, cat 0x06745c07, sat 0xd61c92d7), held as int32 so that "the" and "sat" are
    /// negative and sign-extend to 64 bits, h ← h·116049371 + hash(next) mod 2⁶⁴, h mod 1000. n = 3 gives (the cat) 411,
    /// (the cat sat) 896, (cat sat) 28; zero-extending the hashes instead would give 611, 152, 324.
    /// </summary>
    [Fact]
    public void WordNgramBucketsOfTheCatSat()
    {
        string[] words = ["the", "cat", "sat"];
        Assert.Equal([411, 896, 28], WordNgramHashes.Buckets(words, 3, 1000));
        Assert.Equal([411, 28], WordNgramHashes.Buckets(words, 2, 1000));
        Assert.Empty(WordNgramHashes.Buckets(words, 1, 1000));
        Assert.Contains("n must be at least 1", Assert.Throws<ArgumentException>(() => WordNgramHashes.Buckets(words, 0, 10)).Message);
    }

    /// <summary>
    /// Two classes whose texts hold the same words, in different order: "man bites dog" or "dog bites man" among 6
    /// random filler words. A bag of words sees identical bags for the two, so no unigram model can beat chance (the
    /// test set is balanced, so the majority baseline is ½ too; we allow up to 0.65 for the noise of 200 test texts);
    /// the bigrams (man bites, bites dog) versus (dog bites, bites man) tell them apart, and with them the classifier
    /// must be right on at least 95% (Joulin et al. §2.1: n-grams capture the local order a bag loses).
    /// </summary>
    [Fact]
    public void BigramsSeeTheWordOrderABagOfWordsCannot()
    {
        var train = WordOrderTexts(200, seed: 1);
        var test = WordOrderTexts(100, seed: 2);
        var options = new FastTextClassifierOptions { VectorSize = 10, Epochs = 20, LearningRate = 0.2, Buckets = 10_000, Seed = 3 };
        var unigrams = FastTextClassifier.Train(train, options);
        var bigrams = FastTextClassifier.Train(train, options with { WordNgrams = 2 });
        double majority = MajorityBaseline(train, test);
        Assert.Equal(0.5, majority);
        double bag = unigrams.Accuracy(test), ordered = bigrams.Accuracy(test);
        Assert.True(bag <= 0.65, $"bag of words: accuracy {bag}, but its bags carry no class information");
        Assert.True(ordered >= 0.95, $"with bigrams: accuracy {ordered}, majority baseline {majority}");
        Assert.True(bigrams.EpochLosses[^1] < 0.2 * bigrams.EpochLosses[0], $"loss {bigrams.EpochLosses[0]} → {bigrams.EpochLosses[^1]}");
        var p = bigrams.Probabilities(["a", "man", "bites", "dog", "b"]);
        Assert.Equal(1.0, p.Sum(), 1e-12);
        Assert.Equal("man-bites-dog", bigrams.Predict(["a", "man", "bites", "dog", "b"]));
        Assert.Equal("dog-bites-man", bigrams.Predict(["c", "dog", "bites", "man", "a"]));
    }

    private static List<LabeledText> WordOrderTexts(int perClass, long seed)
    {
        string[] fillers = ["a", "b", "c", "d", "e", "f", "g", "h"];
        var random = new Generator(seed);
        var texts = new List<LabeledText>();
        for (int k = 0; k < perClass; k++)
        {
            foreach (var (label, phrase) in new[] { ("man-bites-dog", new[] { "man", "bites", "dog" }), ("dog-bites-man", new[] { "dog", "bites", "man" }) })
            {
                var words = Enumerable.Range(0, 6).Select(_ => fillers[random.NextInt64(fillers.Length)]).ToList();
                words.InsertRange((int)random.NextInt64(7), phrase);
                texts.Add(new LabeledText(words, label));
            }
        }
        return texts;
    }

    /// <summary>The accuracy on <paramref name="test"/> of always answering the most frequent training label.</summary>
    private static double MajorityBaseline(IReadOnlyList<LabeledText> train, IReadOnlyList<LabeledText> test)
    {
        string majority = train.GroupBy(t => t.Label).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        return test.Count(t => t.Label == majority) / (double)test.Count;
    }

    /// <summary>
    /// Real English: fortunes (quips, quotations) against WordNet glosses (definitions), every 10th fortune and every
    /// 50th gloss of at least 4 words, 400 texts of each to train on and 200 other texts of each to test. The registers differ in words ("you", "I", "!" against "a", "of", "(botany)"),
    /// so a bag of words and bigrams should separate them well: we require 85%, far above the majority baseline of
    /// 50% (a chance classifier reaches 60% on 400 balanced texts with probability below 10⁻⁴).
    /// </summary>
    [FortunesAndWordNetInstalledFact]
    public void FortunesAndWordNetGlossesAreToldApart()
    {
        var tokenizer = new Tokenizer();
        // Every fortune file but "definitions" (mock dictionary entries, the other class's register) and the ASCII art.
        var fortunes = Fortunes.Files().Where(f => Path.GetFileName(f) is not ("definitions" or "ascii-art"))
            .SelectMany(f => File.ReadAllText(f).Split("\n%\n")).Select(tokenizer.Tokenize).Where(t => t.Count >= 4)
            .Where((_, i) => i % 10 == 0).Take(600).ToList();
        var glosses = WordNetGlosses.Sentences(WordNetInstalledFactAttribute.Root)
            .Select(tokenizer.Tokenize).Where(t => t.Count >= 4).Where((_, i) => i % 50 == 0).Take(600).ToList();
        Assert.Equal(600, fortunes.Count);
        Assert.Equal(600, glosses.Count);
        List<LabeledText> Part(int from, int count) =>
            [.. fortunes.Skip(from).Take(count).Select(t => new LabeledText(t, "fortune")), .. glosses.Skip(from).Take(count).Select(t => new LabeledText(t, "gloss"))];
        var train = Part(0, 400);
        var test = Part(400, 200);
        var model = FastTextClassifier.Train(train, new FastTextClassifierOptions { VectorSize = 20, WordNgrams = 2, Buckets = 50_000, Epochs = 10, LearningRate = 0.2, Seed = 1 });
        double accuracy = model.Accuracy(test), majority = MajorityBaseline(train, test);
        Assert.Equal(0.5, majority);
        Assert.True(accuracy >= 0.85, $"accuracy {accuracy}, majority baseline {majority}");
    }

    [Fact]
    public void TheSameSeedGivesTheSameModel()
    {
        var train = WordOrderTexts(20, seed: 1);
        var options = new FastTextClassifierOptions { VectorSize = 4, WordNgrams = 2, Buckets = 100, Epochs = 2, Seed = 5 };
        double[] Run(FastTextClassifierOptions o) => FastTextClassifier.Train(train, o).Probabilities(["man", "bites", "dog"]);
        Assert.Equal(Run(options), Run(options));
        Assert.NotEqual(Run(options), Run(options with { Seed = 6 }));
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        var train = WordOrderTexts(5, seed: 1);
        Assert.Contains("text 1 (label 'x') is empty", Assert.Throws<ArgumentException>(() => FastTextClassifier.Train([new(["a"], "y"), new([], "x")])).Message);
        Assert.Contains("every text has the label 'y'", Assert.Throws<ArgumentException>(() => FastTextClassifier.Train([new(["a"], "y")])).Message);
        Assert.Contains("expected at least one labelled text", Assert.Throws<ArgumentException>(() => FastTextClassifier.Train([])).Message);
        Assert.Contains("WordNgrams must be at least 1", Assert.Throws<ArgumentException>(() => FastTextClassifier.Train(train, new FastTextClassifierOptions { WordNgrams = 0 })).Message);
        var model = FastTextClassifier.Train(train, new FastTextClassifierOptions { VectorSize = 4, Epochs = 1 });
        Assert.Contains("cannot classify an empty text", Assert.Throws<ArgumentException>(() => model.Predict([])).Message);
        Assert.Contains("none of its 2 word(s) is in the vocabulary", Assert.Throws<ArgumentException>(() => model.Predict(["zebra", "yak"])).Message);
        Assert.Equal(0, model.Accuracy([new(["zebra"], "man-bites-dog")])); // unclassifiable counts as wrong
    }
}

/// <summary>Runs only where both Debian's fortunes and wordnet-base are installed.</summary>
public sealed class FortunesAndWordNetInstalledFactAttribute : FactAttribute
{
    public FortunesAndWordNetInstalledFactAttribute()
    {
        if (!Fortunes.IsInstalled() || !File.Exists(Path.Combine(WordNetInstalledFactAttribute.Root, "data.noun")))
            Skip = "needs Debian's fortunes and wordnet-base (apt-get install fortunes wordnet-base); the classifier is also tested on generated text.";
    }
}
