using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>GloVe's co-occurrence counts, weighting, loss, gradient and AdaGrad step by hand, and training on a tiny corpus.</summary>
public class GloVeTests
{
    private static readonly Tokenizer Tokens = new();

    /// <summary>
    /// "help me, help you" (the example) tokenises to help me help you; help = 0, me = 1, you = 2. Window 2,
    /// symmetric, 1/distance: help·me at distance 1 twice (positions 0–1 and 1–2) gives X[help, me] = X[me, help] = 2;
    /// help·you at 1 gives 1 each way; help·help at 2 gives ½ each way, both on the diagonal, so 1; me·you at 2 gives ½
    /// each way; help (0) and you (3) are 3 apart, outside the window. Seven non-zero entries.
    /// </summary>
    [Fact]
    public void CooccurrenceCountsOfHelpMeHelpYou()
    {
        var sentence = Tokens.Tokenize("help me, help you");
        var vocabulary = Vocabulary.Build(sentence);
        Assert.Equal(["help", "me", "you"], vocabulary.Words);
        var x = CooccurrenceMatrix.Count([sentence], vocabulary, window: 2);
        double[,] expected = { { 1, 2, 1 }, { 2, 0, 0.5 }, { 1, 0.5, 0 } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(expected[i, j], x[i, j], 1e-15);
        Assert.Equal(7, x.Entries.Count);
        Assert.Equal(new[] { (0, 0), (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1) }, x.Entries.Select(e => (e.Row, e.Column)));

        // Window 3 reaches help (0)·you (3) at distance 3: X[help, you] = 1 + 1/3.
        Assert.Equal(4.0 / 3, CooccurrenceMatrix.Count([sentence], vocabulary, window: 3)[0, 2], 1e-15);
        // Not symmetric: only (left word, right word): help→me 1, me→help 1, help→help ½, help→you 1, me→you ½.
        var left = CooccurrenceMatrix.Count([sentence], vocabulary, window: 2, symmetric: false);
        Assert.Equal(new[] { 0.5, 1, 1, 1, 0.5 }, left.Entries.Select(e => e.Value));
        Assert.Equal(0, left[2, 1]);
    }

    /// <summary>Contexts never cross a sentence, and words outside the vocabulary are dropped before distances are taken (as cooccur.c does).</summary>
    [Fact]
    public void SentencesSeparateAndUnknownWordsCloseUp()
    {
        var vocabulary = Vocabulary.Build(Tokens.Tokenize("help me help you"), minCount: 2); // only "help"
        var x = CooccurrenceMatrix.Count([Tokens.Tokenize("help me help you")], vocabulary, window: 1);
        Assert.Equal(2, x[0, 0]); // help help are neighbours once "me" is gone: 1 each way
        var full = Vocabulary.Build(Tokens.Tokenize("help me help you"));
        var split = CooccurrenceMatrix.Count([Tokens.Tokenize("help me"), Tokens.Tokenize("help you")], full, window: 5);
        Assert.Equal(0, split[1, 2]);
        Assert.Equal(1, split[0, 1]);
    }

    [Fact]
    public void TheWeightingIsAPowerBelowXMaxAndOneAbove()
    {
        var model = new GloVe(Vocabulary.Build(["a", "a", "b"]), new GloVeOptions { VectorSize = 1 });
        Assert.Equal(Math.Pow(0.5, 0.75), model.Weighting(50), 1e-15); // 0.594604
        Assert.Equal(1, model.Weighting(100));
        Assert.Equal(1, model.Weighting(1e6));
        Assert.Equal(0.1 * Math.Sqrt(0.1), model.Weighting(1), 1e-15); // (1/100)^¾ = 10^−1.5
    }

    /// <summary>
    /// V = 2, d = 1: w = (0.5, −1), w̃ = (2, 0.25), b = (0.1, 0), b̃ = (0, −0.2); X[0,0] = 1, X[0,1] = e, X[1,0] = 100.
    /// Residuals r = w_i w̃_j + b_i + b̃_j − log X: r00 = 1 + 0.1 = 1.1, r01 = 0.125 + 0.1 − 0.2 − 1 = −0.975,
    /// r10 = −2 − ln 100 = −6.605170186; weights f00 = 10^−1.5 = 0.0316227766, f01 = (e/100)^¾ = 0.0669454186, f10 = 1.
    /// J = ½(0.0316228·1.21 + 0.0669454·0.950625 + 43.6282732) = 21.8650884.
    /// ∂J/∂w0 = f00 r00 w̃0 + f01 r01 w̃1 = 0.0695701 − 0.0163179 = 0.0532522; ∂J/∂w1 = f10 r10 w̃0 = −13.2103404;
    /// ∂J/∂w̃0 = f00 r00 w0 + f10 r10 w1 = 0.0173925 + 6.6051702 = 6.6225627; ∂J/∂w̃1 = f01 r01 w0 = −0.0326359;
    /// ∂J/∂b0 = f00 r00 + f01 r01 = −0.0304867; ∂J/∂b1 = −6.6051702; ∂J/∂b̃0 = f00 r00 + f10 r10 = −6.5703851; ∂J/∂b̃1 = −0.0652718.
    /// </summary>
    [Fact]
    public void TheLossAndItsGradientByHand()
    {
        var (model, x) = HandCase();
        Assert.Equal(21.865088367051086, model.Loss(x), 1e-12);
        var (gw, gc, gb, gcb) = model.Gradient(x);
        AssertClose([0.053252162742122876, -13.210340371976184], gw);
        AssertClose([6.6225627131190175, -0.03263589156316295], gc);
        AssertClose([-0.03048672886447372, -6.605170185988092], gb);
        AssertClose([-6.57038513172624, -0.0652717831263259], gcb);
    }

    /// <summary>
    /// Two AdaGrad steps on the entry X[1,0] = 100 of the hand case, η = 0.05 (glove.c's rule: g = η f r, the
    /// parameter moves by −g·other/√G, then G += (g·other)², G from 1). Step 1: g = 0.05·(−6.605170) = −0.330259,
    /// w1 = −1 + 0.330259·2 = −0.339483, w̃0 = 2 − 0.330259·1 = 1.669741, b1 = b̃0 = 0.330259 (G = 1, so no scaling yet).
    /// Step 2: r = −0.339483·1.669741 + 0.660517 − 4.605170 = −4.511502, g = −0.225575, and the steps are now divided by
    /// √G: w1 = −0.025200, w̃0 = 1.597026, b1 = b̃0 = 0.544455.
    /// </summary>
    [Fact]
    public void TwoAdaGradStepsByHand()
    {
        var (model, _) = HandCase();
        var entry = new CooccurrenceMatrix.Entry(1, 0, 100);
        Assert.Equal(0.5 * 6.605170185988092 * 6.605170185988092, model.Step(entry), 1e-12);
        Assert.Equal(-0.3394829814011908, model.WordVectors[1], 1e-12);
        Assert.Equal(1.6697414907005954, model.ContextVectors[0], 1e-12);
        Assert.Equal(0.3302585092994046, model.WordBiases[1], 1e-12);
        Assert.Equal(0.3302585092994046, model.ContextBiases[0], 1e-12);
        model.Step(entry);
        Assert.Equal(-0.02520031674847456, model.WordVectors[1], 1e-12);
        Assert.Equal(1.5970255624928529, model.ContextVectors[0], 1e-12);
        Assert.Equal(0.5444546021568816, model.WordBiases[1], 1e-12);
        Assert.Equal(0.5444546021568816, model.ContextBiases[0], 1e-12);
        Assert.Equal(0.5, model.WordVectors[0]); // row 0 untouched
        Assert.Equal(0.25, model.ContextVectors[1]);
    }

    private static (GloVe Model, CooccurrenceMatrix X) HandCase()
    {
        var model = new GloVe(Vocabulary.Build(["a", "a", "b"]), new GloVeOptions { VectorSize = 1 });
        double[] w = [0.5, -1], c = [2, 0.25], b = [0.1, 0], cb = [0, -0.2];
        w.CopyTo(model.WordVectors);
        c.CopyTo(model.ContextVectors);
        b.CopyTo(model.WordBiases);
        cb.CopyTo(model.ContextBiases);
        var x = CooccurrenceMatrix.FromEntries(2, [new(0, 0, 1), new(0, 1, Math.E), new(1, 0, 100)]);
        return (model, x);
    }

    /// <summary>
    /// The two-topic corpus with leaks: each context word comes from the other topic one time in five. GloVe fits only
    /// the non-zero counts, so on the word2vec tests' corpus (topics that never meet) nothing relates the topics and
    /// the log counts, nearly uniform inside a topic, are fitted by the biases alone; with leaks the counts are high
    /// inside a topic and low across, a structure only the vectors can carry. The cost falls far below its first
    /// epoch, and each centre word's 7 nearest words are exactly the 7 other words of its topic.
    /// </summary>
    [Fact]
    public void TheLossFallsAndTheTopicsSeparateOnATinyCorpus()
    {
        var (corpus, vocabulary) = LeakyTopics();
        var options = new GloVeOptions { VectorSize = 8, Window = 2, XMax = 10, Epochs = 40, LearningRate = 0.1, Seed = 4 };
        var model = new GloVe(vocabulary, options);
        var costs = model.Train(CooccurrenceMatrix.Count(corpus, vocabulary, options.Window));
        Assert.Equal(40, costs.Count);
        Assert.True(costs[^1] < 0.1 * costs[0], $"first epoch {costs[0]}, last {costs[^1]}");
        var vectors = model.Vectors();
        Assert.Equal(["bark", "dog", "fur", "meow", "paw", "pet", "tail"], vectors.MostSimilar("cat", 7).Select(p => p.Word).Order(StringComparer.Ordinal));
        Assert.Equal(["brake", "bus", "engine", "fuel", "road", "seat", "wheel"], vectors.MostSimilar("car", 7).Select(p => p.Word).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheSameSeedGivesTheSameVectors()
    {
        var corpus = Word2VecTrainingTests.TwoTopicCorpus(sentences: 50);
        var vocabulary = Vocabulary.Build(corpus.SelectMany(s => s));
        double[] Run(long seed)
        {
            var model = new GloVe(vocabulary, new GloVeOptions { VectorSize = 4, Window = 2, Epochs = 2, Seed = seed });
            model.Train(CooccurrenceMatrix.Count(corpus, vocabulary, 2));
            return model.WordVectors.ToArray();
        }
        Assert.Equal(Run(3), Run(3));
        Assert.NotEqual(Run(3), Run(4));
    }

    /// <summary>
    /// The deterministic (stratified) schedule gives the same bits at 1, 2 and 3 threads, and its blocks of a stratum
    /// really share no parameter: if they did, threads would race and the runs would differ. Checked on the leaky
    /// two-topic corpus, where it must also learn as the sequential run does (cost far down, topics apart).
    /// </summary>
    [Fact]
    public void TheDeterministicModeGivesTheSameVectorsAtAnyThreadCount()
    {
        var (corpus, vocabulary) = LeakyTopics();
        var x = CooccurrenceMatrix.Count(corpus, vocabulary, 2);
        (double[] Vectors, IReadOnlyList<double> Costs) Run(int threads, int strata = 4)
        {
            var model = new GloVe(vocabulary, new GloVeOptions
            {
                VectorSize = 8, Window = 2, XMax = 10, Epochs = 40, LearningRate = 0.1, Seed = 4, Threads = threads, Deterministic = true, Strata = strata,
            });
            var costs = model.Train(x);
            return ([.. model.WordVectors.ToArray(), .. model.ContextVectors.ToArray(), .. model.WordBiases.ToArray(), .. model.ContextBiases.ToArray()], costs);
        }
        var one = Run(1);
        Assert.Equal(one.Vectors, Run(2).Vectors);
        Assert.Equal(one.Costs, Run(3).Costs);
        Assert.NotEqual(one.Vectors, Run(1, strata: 3).Vectors); // the schedule depends on P, so P is part of the seed
        Assert.True(one.Costs[^1] < 0.1 * one.Costs[0], $"first epoch {one.Costs[0]}, last {one.Costs[^1]}");
    }

    /// <summary>
    /// HOGWILD! at 2 threads is not bit-reproducible, but it must still learn: the cost falls as far as the
    /// one-thread run's (within 50%), and the topics separate. One thread is the sequential algorithm, the same bits
    /// as before threads existed (the hand-checked steps above run through it).
    /// </summary>
    [Fact]
    public void HogwildOnTwoThreadsLearnsAsOneThreadDoes()
    {
        var (corpus, vocabulary) = LeakyTopics();
        var x = CooccurrenceMatrix.Count(corpus, vocabulary, 2);
        GloVe Run(int threads)
        {
            var model = new GloVe(vocabulary, new GloVeOptions { VectorSize = 8, Window = 2, XMax = 10, Epochs = 40, LearningRate = 0.1, Seed = 4, Threads = threads });
            model.Train(x);
            return model;
        }
        var one = Run(1);
        var two = Run(2);
        Assert.True(two.Loss(x) < 1.5 * one.Loss(x), $"2 threads end at J = {two.Loss(x)}, 1 thread at {one.Loss(x)}");
        var vectors = two.Vectors();
        Assert.Equal(["bark", "dog", "fur", "meow", "paw", "pet", "tail"], vectors.MostSimilar("cat", 7).Select(p => p.Word).Order(StringComparer.Ordinal));
    }

    private static (List<IReadOnlyList<string>> Corpus, Vocabulary Vocabulary) LeakyTopics()
    {
        string[][] centres = [["cat", "dog"], ["car", "bus"]];
        string[][] contexts = [["fur", "paw", "tail", "bark", "meow", "pet"], ["wheel", "road", "fuel", "engine", "brake", "seat"]];
        var random = new Generator(3);
        var corpus = new List<IReadOnlyList<string>>();
        for (int s = 0; s < 300; s++)
        {
            int topic = (int)random.NextInt64(2);
            corpus.Add([.. Enumerable.Range(0, 5).Select(k => k == 2 ? centres[topic][random.NextInt64(2)]
                : contexts[random.NextDouble() < 0.8 ? topic : 1 - topic][random.NextInt64(6)])]);
        }
        return (corpus, Vocabulary.Build(corpus.SelectMany(s => s)));
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        var vocabulary = Vocabulary.Build(["a", "a", "b"]);
        Assert.Contains("Threads must be at least 1", Assert.Throws<ArgumentException>(() => new GloVe(vocabulary, new GloVeOptions { Threads = 0 })).Message);
        Assert.Contains("Strata must be at least 1", Assert.Throws<ArgumentException>(() => new GloVe(vocabulary, new GloVeOptions { Strata = 0 })).Message);
        Assert.Contains("XMax must be positive", Assert.Throws<ArgumentException>(() => new GloVe(vocabulary, new GloVeOptions { XMax = 0 })).Message);
        Assert.Contains("window must be at least 1", Assert.Throws<ArgumentException>(() => CooccurrenceMatrix.Count([], vocabulary, 0)).Message);
        var model = new GloVe(vocabulary);
        Assert.Contains("the co-occurrence matrix is empty", Assert.Throws<ArgumentException>(() => model.Train(CooccurrenceMatrix.Count([new[] { "a" }, new[] { "b" }], vocabulary, 2))).Message);
        Assert.Contains("is 3 × 3, expected 2 × 2", Assert.Throws<ArgumentException>(() => model.Loss(CooccurrenceMatrix.FromEntries(3, []))).Message);
        Assert.Contains("expected a positive finite count", Assert.Throws<ArgumentException>(() => CooccurrenceMatrix.FromEntries(2, [new(0, 0, 0)])).Message);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }
}
