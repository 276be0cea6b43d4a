using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>Runs only where Debian's fortunes package is installed (.ci/run installs it when it can).</summary>
public sealed class FortunesInstalledFactAttribute : FactAttribute
{
    public const string Root = "/usr/share/games/fortunes";

    public FortunesInstalledFactAttribute()
    {
        if (!File.Exists(Path.Combine(Root, "fortunes")))
            Skip = $"Debian's fortunes package is not installed in {Root} (apt-get install fortunes); "
                + "nothing else needs it, and the text pipeline is tested on generated files.";
    }
}

/// <summary>The pipeline on real English: the fortunes package's text files (the ones without .dat/.u8 suffix).</summary>
public class FortunesCorpusTests
{
    private static string[] Files() =>
        [.. Directory.GetFiles(FortunesInstalledFactAttribute.Root).Where(p => Path.GetExtension(p) == "").Order(StringComparer.Ordinal)];

    [FortunesInstalledFact]
    public void StreamingTheRealCorpusMatchesReadingItWhole()
    {
        var tokenizer = new Tokenizer();
        var streamed = new CorpusReader(Files(), tokenizer, bufferSize: 4096).Tokens().ToList();
        var whole = Files().SelectMany(p => File.ReadAllText(p).Split('\n')).SelectMany(tokenizer.Tokenize).ToList();
        Assert.True(new FileInfo(Path.Combine(FortunesInstalledFactAttribute.Root, "fortunes")).Length > 4096);
        Assert.Equal(whole, streamed);
    }

    /// <summary>
    /// Facts about English that hold for any large sample: "the" is the most frequent word, and word2vec's default
    /// t = 10⁻³ subsamples it while a word seen a handful of times is always kept.
    /// </summary>
    [FortunesInstalledFact]
    public void TheVocabularyLooksLikeEnglish()
    {
        var vocab = Vocabulary.Build(new CorpusReader(Files()).Tokens(), minCount: 5);
        Assert.Equal("the", vocab[0]);
        Assert.True(vocab.TotalCount > 100_000, $"expected a corpus of over 100k words, got {vocab.TotalCount}");
        Assert.True(vocab.KeepProbability(0) < 0.5, $"'the' is kept with probability {vocab.KeepProbability(0)}");
        Assert.Equal(1.0, vocab.KeepProbability(vocab.Count - 1));
        Assert.Contains("don't", vocab.Words);
    }
}
