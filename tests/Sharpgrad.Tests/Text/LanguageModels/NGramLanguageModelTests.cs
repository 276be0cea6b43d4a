using Sharpgrad.Text;

namespace Sharpgrad.Tests.Text.LanguageModels;

/// <summary>
/// The n-gram models of GBC §12.4.1 on a four-sentence toy corpus whose counts are written out below; every expected
/// value is a fraction computed by hand from them.
/// <code>
/// the dog ran away      the dog ran home      a dog ran away      the cat ran away
/// </code>
/// Vocabulary (predicted words): the dog ran away home a cat &lt;/s&gt;, |V| = 8. N = 20 predicted positions (16 words,
/// 4 end marks).
/// </summary>
public sealed class NGramLanguageModelTests
{
    private static readonly string[][] Corpus =
    [
        ["the", "dog", "ran", "away"], ["the", "dog", "ran", "home"], ["a", "dog", "ran", "away"], ["the", "cat", "ran", "away"],
    ];

    private static NGramCounts Counts(int order) => new(Corpus, order);

    [Fact]
    public void CountsEveryOrderOverTheSamePositions()
    {
        var counts = Counts(3);
        Assert.Equal(["the", "dog", "ran", "away", "home", "a", "cat", "</s>"], counts.Vocabulary);
        Assert.Equal(20, counts.Positions);
        Assert.Equal(3, counts.Count(["dog", "ran"]));
        Assert.Equal(2, counts.Count(["<s>", "the", "dog"]));
        Assert.Equal(4, counts.Count(["ran"]));
    }

    /// <summary>
    /// GBC §12.4.1: P(THE DOG RAN AWAY) = P₃(THE DOG RAN) P₃(DOG RAN AWAY) / P₂(DOG RAN). By hand: c(the dog ran) = 2,
    /// c(dog ran away) = 2, c(dog ran) = 3 over N = 20 positions, so the right side is (2/20)(2/20)/(3/20) = 1/15. The
    /// left side is the Markov chain of eq. 12.5 started from the first trigram: P₃(THE DOG RAN) · P(AWAY | DOG RAN),
    /// with the model's conditional c(dog ran away)/c(dog ran •) = 2/3.
    /// </summary>
    [Fact]
    public void TheBooksTrigramIdentityHoldsForTheMaximumLikelihoodModel()
    {
        var counts = Counts(3);
        var model = new MaximumLikelihoodModel(counts);
        double chain = counts.Joint(["the", "dog", "ran"]) * model.Probability(["the", "dog", "ran"], "away");
        double book = counts.Joint(["the", "dog", "ran"]) * counts.Joint(["dog", "ran", "away"]) / counts.Joint(["dog", "ran"]);
        Assert.Equal(1.0 / 15, chain, 15);
        Assert.Equal(1.0 / 15, book, 15);
    }

    /// <summary>
    /// With boundaries: P(the | &lt;s&gt; &lt;s&gt;) = 3/4, P(dog | &lt;s&gt; the) = 2/3, P(ran | the dog) = 1, P(away | dog ran) = 2/3,
    /// P(&lt;/s&gt; | ran away) = 1: the sentence has probability 1/3; "a cat" was never seen after &lt;s&gt;: probability 0.
    /// </summary>
    [Fact]
    public void MaximumLikelihoodSentenceProbabilityIsTheChainOfRelativeFrequencies()
    {
        var model = new MaximumLikelihoodModel(Counts(3));
        Assert.Equal(Math.Log(1.0 / 3), LanguageModelMetrics.SentenceLogProbability(model, ["the", "dog", "ran", "away"]), 12);
        Assert.Equal(double.NegativeInfinity, LanguageModelMetrics.SentenceLogProbability(model, ["a", "cat"]));
        Assert.Equal(double.PositiveInfinity, LanguageModelMetrics.Perplexity(model, [["a", "cat"]]));
    }

    /// <summary>Laplace (k = 1) bigram: P(dog | the) = (c(the dog) + 1)/(c(the •) + |V|) = (2 + 1)/(3 + 8) = 3/11.</summary>
    [Fact]
    public void AddKSmoothingAddsKToEveryCount()
    {
        var model = new AddKModel(Counts(2), k: 1);
        Assert.Equal(3.0 / 11, model.Probability(["the"], "dog"), 15);
        Assert.Equal(1.0 / 11, model.Probability(["the"], "home"), 15);
        // k = ½: P(ran | dog) = (3 + ½)/(3 + ½·8) = ½.
        Assert.Equal(0.5, new AddKModel(Counts(2), k: 0.5).Probability(["dog"], "ran"), 15);
    }

    /// <summary>
    /// Interpolated Kneser–Ney bigram, D = 0.75. Bigram types (11): &lt;s&gt; the, the dog, dog ran, ran away, away &lt;/s&gt;,
    /// ran home, home &lt;/s&gt;, &lt;s&gt; a, a dog, the cat, cat ran. Continuation counts N₁₊(• w): the 1, dog 2, ran 2, away 1,
    /// &lt;/s&gt; 2, home 1, a 1, cat 1 (sum 11, all 8 words seen), so P₁(away) = (1 − ¾)/11 + ¾·8/11·⅛ = 1/11.
    /// After "ran": c(ran away) = 3, c(ran home) = 1, total 4, 2 types:
    /// P(away | ran) = (3 − ¾)/4 + ¾·2/4·P₁(away) = 9/16 + 3/88 = 105/176.
    /// </summary>
    [Fact]
    public void KneserNeyMatchesAHandComputedBigramValue()
    {
        var model = new KneserNeyModel(Counts(2), discount: 0.75);
        Assert.Equal(105.0 / 176, model.Probability(["ran"], "away"), 15);
        Assert.Equal(17.0 / 176, model.Probability(["ran"], "home"), 15); // (1 − ¾)/4 + (3/8)(1/11)
        // Only the last word of a longer context counts: after "away" (always followed by </s>, 3 times, 1 type)
        // P(dog | away) = 0 + ¾·1/3·P₁(dog) = ¼·2/11 = 1/22. "</s>" is never a context: P(dog | </s>) = P₁(dog) = 2/11.
        Assert.Equal(1.0 / 22, model.Probability(["home", "ran", "away"], "dog"), 15);
        Assert.Equal(2.0 / 11, model.Probability(["</s>"], "dog"), 15);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void KneserNeyProbabilitiesSumToOneOverTheVocabulary(int order)
    {
        var counts = Counts(order);
        var model = new KneserNeyModel(counts, discount: 0.6);
        string[][] contexts = [[], ["the"], ["the", "dog"], ["dog", "ran"], ["cat", "home"], ["away", "a", "cat"], ["home"]];
        foreach (var context in contexts)
        {
            double sum = counts.Vocabulary.Sum(w => model.Probability(context, w));
            Assert.True(Math.Abs(sum - 1) < 1e-12, $"order {order}, context [{string.Join(' ', context)}]: Σ P = {sum:R}");
            Assert.All(counts.Vocabulary, w => Assert.True(model.Probability(context, w) > 0));
        }
    }

    /// <summary>λ = (½, ½) on a bigram: P(away | ran) = ½·c(ran away)/c(ran •) + ½·c(away)/N = ½·¾ + ½·3/20 = 0.45.</summary>
    [Fact]
    public void LinearInterpolationMixesTheOrders()
    {
        var counts = Counts(2);
        var model = new InterpolatedModel(counts, [0.5, 0.5]);
        Assert.Equal(0.45, model.Probability(["ran"], "away"), 15);
        Assert.Equal(1.0, counts.Vocabulary.Sum(w => model.Probability(["ran"], w)), 12);
        // A context never seen hands its weight down: c(cat dog •) = 0, so λ₃ joins λ₂ on P(ran | dog) = 3/3, and the
        // unigram adds λ₁·c(ran)/N: 0.8·1 + 0.2·4/20 = 0.84.
        var trigram = new InterpolatedModel(Counts(3), [0.2, 0.3, 0.5]);
        Assert.Equal(1.0, Counts(3).Vocabulary.Sum(w => trigram.Probability(["cat", "dog"], w)), 12);
        Assert.Equal(0.84, trigram.Probability(["cat", "dog"], "ran"), 15);
    }

    /// <summary>Unigram MLE: P(the) = 3/20, P(dog) = 3/20, P(&lt;/s&gt;) = 4/20; "the dog" has perplexity (3·3·4/20³)^(−1/3).</summary>
    [Fact]
    public void PerplexityIsTheInverseGeometricMeanProbability()
    {
        var model = new MaximumLikelihoodModel(Counts(1));
        Assert.Equal(Math.Cbrt(8000.0 / 36), LanguageModelMetrics.Perplexity(model, [["the", "dog"]]), 12);
    }

    [Fact]
    public void BadInputIsAnErrorNamingTheProblem()
    {
        var model = new KneserNeyModel(Counts(2));
        var unknown = Assert.Throws<ArgumentException>(() => model.Probability(["the"], "zebra"));
        Assert.Contains("unknown token \"zebra\"", unknown.Message);
        Assert.Contains("unknown token \"lion\"", Assert.Throws<ArgumentException>(() => model.Probability(["lion"], "dog")).Message);
        Assert.Contains("empty vocabulary", Assert.Throws<ArgumentException>(() => new NGramCounts([[], []], 2)).Message);
        Assert.Contains("discount", Assert.Throws<ArgumentException>(() => new KneserNeyModel(Counts(2), 1.5)).Message);
        Assert.Contains("λ", Assert.Throws<ArgumentException>(() => new InterpolatedModel(Counts(2), [0.5, 0.6])).Message);
        Assert.Contains("k must be positive", Assert.Throws<ArgumentException>(() => new AddKModel(Counts(2), 0)).Message);
    }
}
