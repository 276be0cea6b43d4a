using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text.Metrics;

/// <summary>BLEU (Papineni et al. 2002) on examples whose counts are worked out by hand in the comments.</summary>
public sealed class BleuTests
{
    private static string[] Words(string text) => text.Split(' ');

    /// <summary>
    /// The paper's clipping example (§2.1): "the" ×7 against "the cat is on the mat" and "there is a cat on the mat".
    /// "the" occurs at most twice in one reference, so the modified unigram precision is 2/7. The candidate has 7 words
    /// and the closest reference 7, so BP = 1 and BLEU-1 = 2/7.
    /// </summary>
    [Fact]
    public void ClipsEachNGramAtItsLargestCountInOneReference()
    {
        IReadOnlyList<string>[] references = [Words("the cat is on the mat"), Words("there is a cat on the mat")];
        var score = Bleu.Corpus([Words("the the the the the the the")], [references], maxOrder: 1);
        Assert.Equal(2, score.Matches[0]);
        Assert.Equal(7, score.Totals[0]);
        Assert.Equal(2.0 / 7, score.Score, 15);
    }

    /// <summary>
    /// "the cat sat on the mat" (c = 6) against "the cat sat on the red mat" (r = 7). Matches: unigrams 6/6; bigrams 4/5
    /// ("the mat" is missing); trigrams 3/4 ("on the mat" missing); 4-grams 2/3 ("sat on the mat" missing).
    /// BLEU = e^(1 − 7/6) · (1 · 4/5 · 3/4 · 2/3)^(1/4) = e^(−1/6) · 0.4^(1/4) ≈ 0.67318.
    /// </summary>
    [Fact]
    public void CombinesTheFourPrecisionsWithUniformWeightsAndTheBrevityPenalty()
    {
        var score = Bleu.Corpus([Words("the cat sat on the mat")], [[Words("the cat sat on the red mat")]]);
        Assert.Equal([6L, 4, 3, 2], score.Matches);
        Assert.Equal([6L, 5, 4, 3], score.Totals);
        Assert.Equal(Math.Exp(-1.0 / 6), score.BrevityPenalty, 15);
        Assert.Equal(Math.Exp(-1.0 / 6) * Math.Pow(0.4, 0.25), score.Score, 14);
        Assert.Equal(score.Score, Bleu.Sentence(Words("the cat sat on the mat"), [Words("the cat sat on the red mat")]), 15);
        Assert.Equal(1.0, Bleu.Sentence(Words("a b c d e"), [Words("a b c d e")]), 15);
    }

    /// <summary>
    /// The corpus score pools counts before dividing. "a b c d" = reference scores 1; "a b c e" against "a b c d" matches
    /// 3/4, 2/3, 1/2 and 0/1, so its sentence BLEU is 0. Pooled: p = 7/8, 5/6, 3/4, 1/2 and BP = 1, so corpus BLEU =
    /// (7/8 · 5/6 · 3/4 · 1/2)^(1/4) = (105/384)^(1/4), not the mean of the sentence scores (½).
    /// </summary>
    [Fact]
    public void TheCorpusScorePoolsCountsOverSentences()
    {
        IReadOnlyList<string> reference = Words("a b c d");
        Assert.Equal(0.0, Bleu.Sentence(Words("a b c e"), [reference]));
        var corpus = Bleu.Corpus([Words("a b c d"), Words("a b c e")], [[reference], [reference]]);
        Assert.Equal(Math.Pow(105.0 / 384, 0.25), corpus.Score, 14);
    }

    /// <summary>
    /// The effective reference length is the closest, the shorter on a tie: a 5-word candidate between references of 4
    /// and 6 words gets r = 4, so BP = 1 (with r = 6 it would be e^(1 − 6/5)).
    /// </summary>
    [Fact]
    public void TheEffectiveReferenceLengthIsTheClosestAndTheShorterOnATie()
    {
        var score = Bleu.Corpus([Words("a b c d e")], [[Words("a b c d"), Words("a b c d e f")]], maxOrder: 1);
        Assert.Equal(4, score.ReferenceLength);
        Assert.Equal(1.0, score.Score, 15);
        var shorter = Bleu.Corpus([Words("a b")], [[Words("a b c d")]], maxOrder: 1);
        Assert.Equal(Math.Exp(1 - 4.0 / 2), shorter.Score, 15);
    }

    [Fact]
    public void BadInputIsAnError()
    {
        Assert.Contains("one list of references per candidate",
            Assert.Throws<ArgumentException>(() => Bleu.Corpus([Words("a")], [[Words("a")], [Words("b")]])).Message);
        Assert.Contains("no reference", Assert.Throws<ArgumentException>(() => Bleu.Corpus([Words("a")], [[]])).Message);
        Assert.Contains("maxOrder", Assert.Throws<ArgumentException>(() => Bleu.Sentence(Words("a"), [Words("a")], 0)).Message);
    }
}
