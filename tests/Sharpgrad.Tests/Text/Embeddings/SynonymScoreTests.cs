using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>The WordNet synonym score by hand, and WordNet's synset lines.</summary>
public class SynonymScoreTests
{
    /// <summary>
    /// Five words in frequency order: the (0.8, −0.6), big (1, 0), small (−1, 0), large (0.6, 0.8), little (0, −1);
    /// synonyms big–large and small–little ("the" has none, so it is a candidate but not scored). Cosines:
    /// big: the 0.8, large 0.6 → large ranks 2; small: little 0 beats the −0.8, large −0.6, big −1 → rank 1;
    /// large: big 0.6 first → 1; little: the 0.6, then big and small tie at 0 and the earlier (big) goes first →
    /// small ranks 3. MRR = (1/2 + 1 + 1 + 1/3)/4 = 0.708333, recall@10 = 1.
    /// </summary>
    [Fact]
    public void MeanReciprocalRankByHand()
    {
        var vectors = new KeyedVectors(["the", "big", "small", "large", "little"], [0.8f, -0.6f, 1, 0, -1, 0, 0.6f, 0.8f, 0, -1], 2);
        var synonyms = Synonyms(("big", "large"), ("small", "little"));
        var score = SynonymScore.Evaluate(vectors, synonyms);
        Assert.Equal(4, score.Words);
        Assert.Equal((0.5 + 1 + 1 + 1 / 3.0) / 4, score.MeanReciprocalRank, 1e-12);
        Assert.Equal(1, score.RecallAt10);
        // The sample takes words in MD5 order: little (aae6…), large (afac…), big (d861…), small (eb5c…); two give 1/3 and 1.
        Assert.Equal((1 / 3.0 + 1) / 2, SynonymScore.Evaluate(vectors, synonyms, sample: 2).MeanReciprocalRank, 1e-12);
        // Only the three most frequent words as candidates: nobody's synonym is among them.
        Assert.Contains("none of the 3 candidate words has a synonym", Assert.Throws<ArgumentException>(() => SynonymScore.Evaluate(vectors, synonyms, top: 3)).Message);
    }

    /// <summary>
    /// The random-ranking baseline by enumeration: with 3 fellow candidates and 2 synonyms, the best rank is 1 unless
    /// both synonyms take places 2 and 3 (1 of the C(3, 2) = 3 placements), so E[1/R] = ⅔·1 + ⅓·½ = 5/6. With one
    /// synonym the rank is uniform: H(M)/M.
    /// </summary>
    [Fact]
    public void ChanceBaselineByEnumeration()
    {
        Assert.Equal(5 / 6.0, SynonymScore.ChanceReciprocalRank(3, 2), 1e-12);
        Assert.Equal((1 + 0.5 + 1 / 3.0 + 0.25) / 4, SynonymScore.ChanceReciprocalRank(4, 1), 1e-12);
        Assert.Equal(1, SynonymScore.ChanceReciprocalRank(4, 4), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => SynonymScore.ChanceReciprocalRank(3, 0));
        // In the hand-worked set every scored word has one synonym among 4 others.
        var vectors = new KeyedVectors(["the", "big", "small", "large", "little"], [0.8f, -0.6f, 1, 0, -1, 0, 0.6f, 0.8f, 0, -1], 2);
        Assert.Equal((1 + 0.5 + 1 / 3.0 + 0.25) / 4, SynonymScore.Evaluate(vectors, Synonyms(("big", "large"), ("small", "little"))).ChanceMeanReciprocalRank, 1e-12);
    }

    private static Dictionary<string, HashSet<string>> Synonyms(params (string A, string B)[] pairs)
    {
        var result = new Dictionary<string, HashSet<string>>();
        foreach (var (a, b) in pairs)
        {
            result[a] = [b];
            result[b] = [a];
        }
        return result;
    }

    [Fact]
    public void SynsetLinesGiveTheirSingleWords()
    {
        Assert.Equal(["big", "large"], WordNetSynonyms.SynsetWords("01382086 00 a 02 big(a) 0 large 0 001 ! 01384438 a 0101 | above average in size").Order());
        Assert.Equal(["dog"], WordNetSynonyms.SynsetWords("02084071 05 n 03 dog 0 domestic_dog 0 Canis_familiaris 0 000 | a member of the genus Canis"));
        Assert.Contains("line 7: expected 'offset lex_filenum ss_type w_cnt", Assert.Throws<InvalidDataException>(() => WordNetSynonyms.SynsetWords("01382086 00 a zz", "data.adj", 7)).Message);
    }

    [WordNetInstalledFact]
    public void TheInstalledWordNetKnowsBigAndLarge()
    {
        var synonyms = WordNetSynonyms.Read(WordNetInstalledFactAttribute.Root);
        Assert.Contains("large", synonyms["big"]);
        Assert.Contains("big", synonyms["large"]);
        Assert.DoesNotContain("big", synonyms["big"]);
        Assert.True(synonyms.Count > 50000, $"{synonyms.Count} words with a synonym");
    }
}

/// <summary>Runs only where Debian's wordnet-base is installed.</summary>
public sealed class WordNetInstalledFactAttribute : FactAttribute
{
    public const string Root = "/usr/share/wordnet";

    public WordNetInstalledFactAttribute()
    {
        if (!File.Exists(Path.Combine(Root, "data.noun")))
            Skip = $"Debian's wordnet-base is not installed in {Root} (apt-get install wordnet-base); the score is tested by hand without it.";
    }
}
