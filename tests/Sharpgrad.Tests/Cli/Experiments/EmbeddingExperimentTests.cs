using Sharpgrad.Cli.Experiments;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The four word-embedding experiments in quick mode (the built-in tiny corpus: 53 words, six synonym pairs), and their claim checks.</summary>
public class EmbeddingExperimentTests
{
    /// <summary>Runs <paramref name="experiment"/> quickly; its claim must hold. Returns the CSV's lines, the console text and the key numbers by name.</summary>
    private static (string[] Csv, string Console, Dictionary<string, double> Numbers) RunQuick(IExperiment experiment, string png, string csv)
    {
        var (lines, console, summary) = ExperimentOutput.Run(experiment, png, csv);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        return (lines, console, summary.Outcome.KeyNumbers.ToDictionary(k => k.Name, k => k.Value));
    }

    /// <summary>Six pairs of synonyms sharing every context: each synonym is its partner's nearest neighbour (MRR 1 over the 12 words, chance 0.087).</summary>
    [Fact]
    public void Word2VecNeighbours()
    {
        var (csv, console, numbers) = RunQuick(new WordNeighboursExperiment(), WordNeighboursExperiment.MapFile, WordNeighboursExperiment.NeighboursCsv);
        Assert.Equal(1, numbers["synonym MRR"]);
        Assert.Equal(12, numbers["words scored"]);
        Assert.Equal(53, numbers["vocabulary"]);
        // Each of the 12 scored words has one synonym among its 52 fellow candidates: chance is H(52)/52.
        Assert.Equal(Enumerable.Range(1, 52).Sum(k => 1.0 / k) / 52, numbers["chance MRR"], 1e-12);
        Assert.Equal("word,rank,neighbour,cosine", csv[0]);
        Assert.StartsWith("automobile,1,motorcar,", csv[1]);
        Assert.Equal(1 + 6 * 8, csv.Length);
        Assert.Contains("motorcar", console);
    }

    [Fact]
    public void NegativeSamplingVersusHierarchicalSoftmax()
    {
        var (csv, _, numbers) = RunQuick(new NegativeSamplingVersusHsExperiment(), NegativeSamplingVersusHsExperiment.PlotFile, NegativeSamplingVersusHsExperiment.ScoresCsv);
        Assert.Equal(1, numbers["NS synonym MRR"]);
        Assert.Equal(1, numbers["HS synonym MRR"]);
        Assert.True(numbers["NCE synonym MRR"] >= 3 * numbers["chance MRR"], $"NCE MRR {numbers["NCE synonym MRR"]}");
        Assert.Equal(6, numbers["NS dot products per prediction"]);
        // 53 words: a Huffman code between ⌊log₂ 53⌋ = 5 and 53 − 1 bits on average.
        Assert.InRange(numbers["HS mean path length"], 5, 7);
        Assert.Equal(4, csv.Length);
    }

    [Fact]
    public void GloveVersusWord2Vec()
    {
        var (csv, _, numbers) = RunQuick(new GloveVersusWord2VecExperiment(), GloveVersusWord2VecExperiment.PlotFile, GloveVersusWord2VecExperiment.ScoresCsv);
        Assert.Equal(1, numbers["skip-gram synonym MRR"]);
        Assert.InRange(numbers["GloVe synonym MRR"], 0.5, 1);
        Assert.InRange(numbers["co-occurrence pairs"], 1000, 53 * 53);
        Assert.StartsWith("model,mrr,recall_at_10,seconds", csv[0]);
    }

    [Fact]
    public void FastTextOnMisspellings()
    {
        var (csv, _, numbers) = RunQuick(new FastTextOovExperiment(), FastTextOovExperiment.PlotFile, FastTextOovExperiment.MisspellingsCsv);
        Assert.True(numbers["top-10 share"] >= 0.8, $"top-10 share {numbers["top-10 share"]}");
        Assert.True(numbers["mean cosine to the correct form"] > numbers["mean cosine to a random word"] + 0.3);
        Assert.InRange(numbers["misspellings"], 30, 53);
        Assert.Equal((int)numbers["misspellings"] + 1, csv.Length);
    }

    [Fact]
    public void Doc2VecPlacesUnseenDocumentsByTopic()
    {
        var (csv, _, numbers) = RunQuick(new Doc2VecTopicsExperiment(), Doc2VecTopicsExperiment.PlotFile, Doc2VecTopicsExperiment.HeldOutCsv);
        Assert.Equal(1.0 / 3, numbers["chance"], 1e-12); // three balanced topics
        Assert.True(numbers["PV-DM held-out accuracy"] >= 0.9, $"PV-DM {numbers["PV-DM held-out accuracy"]}");
        Assert.True(numbers["PV-DBOW held-out accuracy"] >= 0.9, $"PV-DBOW {numbers["PV-DBOW held-out accuracy"]}");
        Assert.Equal(2 * 30 + 1, csv.Length); // 30 held-out documents per mode and a header
        Assert.StartsWith("mode,document,topic,nearest,nearest_topic,cosine", csv[0]);
    }

    /// <summary>The checks fail on numbers that do not support the claims.</summary>
    [Fact]
    public void TheChecksCanFail()
    {
        var score = new SynonymScore.Result(0.05, 0.1, 100, 0.01);
        Assert.False(WordNeighboursExperiment.Check(new WordNeighboursResult([], [], [], [], score, 0.02, 1000, 1)).Holds);
        Assert.True(WordNeighboursExperiment.Check(new WordNeighboursResult([], [], [], [], score, 0.01, 1000, 1)).Holds);
        var good = new ObjectiveRun("a", [1, 2], [3, 2], score, 1);
        var flat = new ObjectiveRun("b", [1, 2], [2, 3], score, 1);
        Assert.True(NegativeSamplingVersusHsExperiment.Check(new NegativeSamplingVersusHsResult(good, good, good, 5, 5, 0.01)).Holds);
        Assert.False(NegativeSamplingVersusHsExperiment.Check(new NegativeSamplingVersusHsResult(good, flat, good, 5, 5, 0.01)).Holds);
        Assert.False(NegativeSamplingVersusHsExperiment.Check(new NegativeSamplingVersusHsResult(good, good, flat, 5, 5, 0.01)).Holds);
        Assert.False(NegativeSamplingVersusHsExperiment.Check(new NegativeSamplingVersusHsResult(good, good, good, 5, 5, 0.02)).Holds); // MRR 0.05 < 3 × 0.02
        Assert.False(GloveVersusWord2VecExperiment.Check(new GloveVersusWord2VecResult(new("w", score, 1), new("g", score, 1), 10, 100, 0.02)).Holds);
        Misspelling[] typos = [new("abuot", "about", 11, 0.5), new("teh", "the", 1, 0.9), new("wrold", "world", 20, 0.4)]; // first for 1/3, mean cosine 0.6
        Assert.True(FastTextOovExperiment.Check(new FastTextOovResult(typos, 0.1, 1000)).Holds);
        Assert.False(FastTextOovExperiment.Check(new FastTextOovResult(typos, 0.7, 1000)).Holds); // random words closer
        Assert.False(FastTextOovExperiment.Check(new FastTextOovResult(typos, 0.1, 29)).Holds);   // 1/3 < 10/29
        HeldOutDocument Placed(string mode, bool right) => new(mode, "a-h0", "a", right ? "a-1" : "b-1", right ? "a" : "b", 0.5);
        Doc2VecTopicsResult Documents(int rightDm, int rightDbow) => new(
            [.. Enumerable.Range(0, 4).Select(i => Placed("PV-DM", i < rightDm)), .. Enumerable.Range(0, 4).Select(i => Placed("PV-DBOW", i < rightDbow))], 0.25, ["a", "b"], []);
        Assert.True(Doc2VecTopicsExperiment.Check(Documents(2, 3)).Holds);   // ½ and ¾ ≥ 2 × ¼
        Assert.False(Doc2VecTopicsExperiment.Check(Documents(1, 4)).Holds);  // PV-DM at chance
    }

    /// <summary>A misspelling is one edit past the first letter: one letter fewer, one more, or two neighbours swapped.</summary>
    [Fact]
    public void MisspellingsAreOneEditAway()
    {
        var random = new Generator(5);
        for (int i = 0; i < 50; i++)
        {
            string wrong = FastTextOov.Misspell("physician", random);
            Assert.Equal('p', wrong[0]);
            Assert.True(wrong.Length is 8 or 10 || (wrong.Length == 9 && wrong.Order().SequenceEqual("physician".Order())), wrong);
        }
    }
}
