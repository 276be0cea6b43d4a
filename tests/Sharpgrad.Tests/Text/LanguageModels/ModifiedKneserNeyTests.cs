using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text.LanguageModels;

/// <summary>
/// Modified Kneser–Ney (Chen &amp; Goodman 1998 §4.1.6) on a corpus small enough to work by hand yet with every
/// count-of-count the discount estimates need:
/// <code>
/// b      a      a b b      a      a
/// </code>
/// Vocabulary a, b, &lt;/s&gt; (|V| = 3). Bigram counts: &lt;s&gt; a 4, a &lt;/s&gt; 3, b &lt;/s&gt; 2, &lt;s&gt; b 1, a b 1, b b 1, so
/// n₁..n₄ = 3, 1, 1, 1. Continuation counts N₁₊(• w): a 1 (after &lt;s&gt;), &lt;/s&gt; 2 (a, b), b 3 (&lt;s&gt;, a, b), so
/// n₁..n₄ = 1, 1, 1, 0.
/// </summary>
public sealed class ModifiedKneserNeyTests
{
    private static readonly string[][] Corpus = [["b"], ["a"], ["a", "b", "b"], ["a"], ["a"]];

    /// <summary>
    /// Bigram order: Y = 3/(3 + 2) = 3/5, D₁ = 1 − 2·(3/5)·(1/3) = 3/5, D₂ = 2 − 3·(3/5)·1 = 1/5, D₃₊ = 3 − 4·(3/5)·1 = 3/5.
    /// Unigram order: Y = 1/3, D₁ = 1 − 2/3 = 1/3, D₂ = 2 − 3·(1/3) = 1, D₃₊ = 3 − 0 = 3.
    /// </summary>
    [Fact]
    public void DiscountsComeFromEachOrdersCountOfCounts()
    {
        var model = new ModifiedKneserNeyModel(new NGramCounts(Corpus, 2));
        Assert.Equal(1.0 / 3, model.Discounts[0].D1, 15);
        Assert.Equal(1.0, model.Discounts[0].D2, 15);
        Assert.Equal(3.0, model.Discounts[0].D3Plus, 15);
        Assert.Equal(3.0 / 5, model.Discounts[1].D1, 15);
        Assert.Equal(1.0 / 5, model.Discounts[1].D2, 15);
        Assert.Equal(3.0 / 5, model.Discounts[1].D3Plus, 15);
    }

    /// <summary>
    /// Unigrams: A = 1 + 3 + 2 = 6, the discounts take D₁ + D₂ + D₃₊ = 1/3 + 1 + 3 = 13/3 (one word each seen once, twice,
    /// three times), γ = 13/18, P₀ = 1/3: P₁(a) = (1 − 1/3)/6 + 13/54 = 19/54, P₁(b) = (3 − 3)/6 + 13/54 = 13/54,
    /// P₁(&lt;/s&gt;) = (2 − 1)/6 + 13/54 = 22/54.
    /// After "a" (&lt;/s&gt; 3, b 1; A = 4): γ = (3/5 + 3/5)/4 = 3/10; P(&lt;/s&gt; | a) = (3 − 3/5)/4 + (3/10)(22/54) = 13/18,
    /// P(b | a) = (1 − 3/5)/4 + (3/10)(13/54) = 31/180, P(a | a) = (3/10)(19/54) = 19/180.
    /// After "b" (&lt;/s&gt; 2, b 1; A = 3): γ = (1/5 + 3/5)/3 = 4/15; P(&lt;/s&gt; | b) = (2 − 1/5)/3 + (4/15)(22/54) = 287/405.
    /// At the start (a 4, b 1; A = 5): γ = 6/25; P(a | &lt;s&gt;) = (4 − 3/5)/5 + (6/25)(19/54) = 172/225.
    /// </summary>
    [Fact]
    public void MatchesHandComputedBigramProbabilities()
    {
        var model = new ModifiedKneserNeyModel(new NGramCounts(Corpus, 2));
        Assert.Equal(13.0 / 18, model.Probability(["a"], "</s>"), 15);
        Assert.Equal(31.0 / 180, model.Probability(["a"], "b"), 15);
        Assert.Equal(19.0 / 180, model.Probability(["a"], "a"), 15);
        Assert.Equal(287.0 / 405, model.Probability(["b"], "</s>"), 15);
        Assert.Equal(172.0 / 225, model.Probability([], "a"), 15);
        Assert.Equal(19.0 / 54, model.Probability(["</s>"], "a"), 15);   // "</s>" is never a context: the unigram level
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void ProbabilitiesSumToOneOverTheVocabulary(int order)
    {
        var counts = new NGramCounts(Corpus, order);
        KneserNeyDiscounts[] discounts = [.. Enumerable.Range(0, order).Select(k => new KneserNeyDiscounts(0.4 + 0.1 * k, 1.1, 2.5))];
        var models = order == 2 ? [new ModifiedKneserNeyModel(counts), new ModifiedKneserNeyModel(counts, discounts)] : new[] { new ModifiedKneserNeyModel(counts, discounts) };
        string[][] contexts = [[], ["a"], ["b"], ["a", "b"], ["b", "b"], ["</s>"]];
        foreach (var model in models)
            foreach (var context in contexts)
            {
                double sum = counts.Vocabulary.Sum(w => model.Probability(context, w));
                Assert.True(Math.Abs(sum - 1) < 1e-12, $"order {order}, context [{string.Join(' ', context)}]: Σ P = {sum:R}");
                Assert.All(counts.Vocabulary, w => Assert.True(model.Probability(context, w) > 0));
            }
    }

    /// <summary>With D₁ = D₂ = D₃₊ = D it is interpolated Kneser–Ney.</summary>
    [Fact]
    public void EqualDiscountsGiveInterpolatedKneserNey()
    {
        var counts = new NGramCounts(Corpus, 3);
        var modified = new ModifiedKneserNeyModel(counts, [.. Enumerable.Repeat(new KneserNeyDiscounts(0.75, 0.75, 0.75), 3)]);
        var plain = new KneserNeyModel(counts, 0.75);
        foreach (var context in new[] { new string[0], ["a"], ["a", "b"], ["b", "b"] })
            foreach (var w in counts.Vocabulary)
                Assert.Equal(plain.Probability(context, w), modified.Probability(context, w), 15);
    }

    [Fact]
    public void BadDiscountsAndTooSmallCorporaAreErrorsNamingTheProblem()
    {
        // One sentence: unigram continuation counts are all 1, so n₂ = 0 and D₂ cannot be estimated.
        var tiny = Assert.Throws<ArgumentException>(() => new ModifiedKneserNeyModel(new NGramCounts([["a", "b"]], 2)));
        Assert.Contains("order 1 has count-of-counts n1..n4 = 3, 0, 0, 0", tiny.Message);
        Assert.Contains("Pass the discounts explicitly", tiny.Message);
        Assert.Contains("D2 must lie in (0, 2], got 2.5", Assert.Throws<ArgumentException>(() => new KneserNeyDiscounts(0.5, 2.5, 1)).Message);
        Assert.Contains("D3+ must lie in (0, 3], got -1", Assert.Throws<ArgumentException>(() => new KneserNeyDiscounts(0.5, 1, -1)).Message);
        // A zero discount would take no mass from a context whose followers it covers: unseen words would get P = 0.
        Assert.Contains("D2 must lie in (0, 2], got 0", Assert.Throws<ArgumentException>(() => new KneserNeyDiscounts(0.5, 0, 1)).Message);
        Assert.Contains("expected 2 discount triples", Assert.Throws<ArgumentException>(() =>
            new ModifiedKneserNeyModel(new NGramCounts(Corpus, 2), [new KneserNeyDiscounts(0.5, 1, 1)])).Message);
    }
}
