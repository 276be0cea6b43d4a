using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text;

/// <summary>The character-level language-model data: vocabulary, contiguous split, [N, T] windows and the unigram baseline.</summary>
public class CharacterCorpusTests
{
    [Fact]
    public void TheVocabularyIsCharactersByFrequencyTiesByFirstOccurrence()
    {
        var corpus = CharacterCorpus.FromText("abracadabra", validationFraction: 0.2);
        Assert.Equal(["a", "b", "r", "c", "d"], corpus.Vocabulary.Words);
        // 11 characters, round(2.2) = 2 for validation, contiguous at the end: "abracadab" | "ra".
        Assert.Equal("abracadab", corpus.Decode(corpus.Train));
        Assert.Equal("ra", corpus.Decode(corpus.Validation));
    }

    [Fact]
    public void TrainingWindowsAreTextSlicesWithTargetsShiftedByOne()
    {
        var text = string.Concat(Enumerable.Range(0, 200).Select(i => (char)('a' + i * 7 % 26)));
        var corpus = CharacterCorpus.FromText(text, validationFraction: 0.25);
        var (inputs, targets) = corpus.TrainingBatch(4, 5, new Generator(3));
        Assert.Equal([4, 5], inputs.Shape);
        Assert.Equal(DType.Int64, targets.DType);
        var train = corpus.Decode(corpus.Train);
        for (int n = 0; n < 4; n++)
        {
            var input = corpus.Decode(inputs[n].ToArray<long>().Select(i => (int)i));
            var target = corpus.Decode(targets[n].ToArray<long>().Select(i => (int)i));
            Assert.Equal(input[1..], target[..^1]);
            int start = train.IndexOf(input + target[^1], StringComparison.Ordinal);
            Assert.True(start >= 0, $"window {n} '{input}' is not a slice of the training text");
        }
    }

    [Fact]
    public void ValidationBatchesCoverTheValidationTextInOrder()
    {
        var corpus = CharacterCorpus.FromText(new string('x', 30) + "0123456789abcdefghij", validationFraction: 0.4);
        var batches = corpus.ValidationBatches(batchSize: 2, length: 6).ToList();
        // 20 validation characters: (20 − 1)/6 = 3 windows, batches of 2 and 1.
        Assert.Equal([2, 1], batches.Select(b => b.Inputs.Size(0)));
        var inputs = batches.SelectMany(b => Enumerable.Range(0, b.Inputs.Size(0)).Select(n => corpus.Decode(b.Inputs[n].ToArray<long>().Select(i => (int)i))));
        Assert.Equal(["012345", "6789ab", "cdefgh"], inputs);
        Assert.Equal("123456", corpus.Decode(batches[0].Targets[0].ToArray<long>().Select(i => (int)i)));
    }

    /// <summary>Train "aab" + validation "ab" (V = 2): p(a) = 3/5, p(b) = 2/5, perplexity = (3/5 · 2/5)^(−1/2).</summary>
    [Fact]
    public void UnigramPerplexityIsTheAddOneSmoothedFrequencyBaseline()
    {
        var corpus = CharacterCorpus.FromText("aabab", validationFraction: 0.4);
        Assert.Equal(Math.Pow(3.0 / 5 * 2.0 / 5, -0.5), corpus.UnigramPerplexity(), 1e-14);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => CharacterCorpus.FromText("abc", 0.5)).Message);
        var corpus = CharacterCorpus.FromText("abcdefghij", 0.3);
        Assert.Contains("need 8, but the training text has 7",
            Assert.Throws<ArgumentException>(() => corpus.TrainingBatch(1, 7, new Generator(0))).Message);
        Assert.Contains("not installed", Assert.Throws<FileNotFoundException>(() => Fortunes.Files("/nonexistent")).Message);
    }

    [FortunesInstalledFact]
    public void FortunesIsEnglishText()
    {
        var corpus = CharacterCorpus.FromFiles(Fortunes.Files());
        Assert.Equal(" ", corpus.Vocabulary[0]);
        Assert.Equal("e", corpus.Vocabulary[1]);
        Assert.True(corpus.Train.Length > 1_000_000, $"expected over a million training characters, got {corpus.Train.Length}");
        Assert.InRange(corpus.UnigramPerplexity(), 15, 40);
    }
}
