using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>Training end to end on a small synthetic corpus, and the two thread schedules.</summary>
public class Word2VecTrainingTests
{
    /// <summary>
    /// Two topics with disjoint context words. "cat" and "dog" only ever appear among the animal context words,
    /// "car" and "bus" among the vehicle ones, so the distributional hypothesis says each pair must end up mutual
    /// nearest neighbours (and that is all a 6000-word corpus can teach).
    /// </summary>
    internal static List<IReadOnlyList<string>> TwoTopicCorpus(int sentences = 600, long seed = 3)
    {
        string[][] centres = [["cat", "dog"], ["car", "bus"]];
        string[][] contexts = [["fur", "paw", "tail", "bark", "meow", "pet"], ["wheel", "road", "fuel", "engine", "brake", "seat"]];
        var random = new Generator(seed);
        var corpus = new List<IReadOnlyList<string>>();
        for (int s = 0; s < sentences; s++)
        {
            int topic = (int)random.NextInt64(2);
            var sentence = new List<string>();
            for (int k = 0; k < 5; k++)
                sentence.Add(k == 2 ? centres[topic][random.NextInt64(2)] : contexts[topic][random.NextInt64(6)]);
            corpus.Add(sentence);
        }
        return corpus;
    }

    public static TheoryData<Word2VecArchitecture, int, bool, bool> Objectives => new()
    {
        { Word2VecArchitecture.SkipGram, 5, false, false },
        { Word2VecArchitecture.SkipGram, 0, true, false },
        { Word2VecArchitecture.SkipGram, 5, false, true },
        { Word2VecArchitecture.Cbow, 5, false, false },
        { Word2VecArchitecture.Cbow, 0, true, false },
    };

    [Theory]
    [MemberData(nameof(Objectives))]
    public void WordsSharingContextsBecomeNearestNeighbours(Word2VecArchitecture architecture, int negative, bool hierarchical, bool nce)
    {
        var corpus = TwoTopicCorpus();
        var model = Word2Vec.Create(corpus, new Word2VecOptions
        {
            Architecture = architecture, Negative = negative, HierarchicalSoftmax = hierarchical, NoiseContrastive = nce,
            VectorSize = 16, Window = 2, Epochs = 10, Sample = 0, Alpha = 0.05, BlockWords = 500, Seed = 11,
        }, minCount: 1);
        var first = model.Train(corpus);
        var vectors = model.Vectors();
        Assert.Equal("dog", vectors.MostSimilar("cat", 1)[0].Word);
        Assert.Equal("cat", vectors.MostSimilar("dog", 1)[0].Word);
        Assert.Equal("bus", vectors.MostSimilar("car", 1)[0].Word);
        Assert.Equal("car", vectors.MostSimilar("bus", 1)[0].Word);
        Assert.True(vectors.Similarity("cat", "dog") > vectors.Similarity("cat", "car") + 0.05,
            $"cos(cat, dog) = {vectors.Similarity("cat", "dog")}, cos(cat, car) = {vectors.Similarity("cat", "car")}");
        Assert.Equal(corpus.Sum(s => s.Count) * 10L, first.Words);
        Assert.True(double.IsFinite(first.MeanLoss) && first.MeanLoss > 0, $"mean loss {first.MeanLoss}");
    }

    /// <summary>The loss per prediction falls as training goes on: the last epoch's is well below the first's.</summary>
    [Fact]
    public void TheLossFalls()
    {
        var corpus = TwoTopicCorpus();
        var seen = new List<Word2VecProgress>();
        var model = Word2Vec.Create(corpus, new Word2VecOptions { VectorSize = 16, Window = 2, Epochs = 6, Sample = 0, BlockWords = 1500, Seed = 5 }, minCount: 1);
        model.Train(corpus, seen.Add);
        Assert.Equal(12, seen.Count); // 3000 words per epoch, two blocks each
        // The first block's mean loss against the last epoch's (its two blocks, from the running sums).
        double first = seen[0].MeanLoss;
        double lastEpoch = (seen[^1].Loss - seen[^3].Loss) / (seen[^1].Predictions - seen[^3].Predictions);
        Assert.True(lastEpoch < 0.8 * first, $"first block {first}, last epoch {lastEpoch}");
        Assert.Equal(0.025, seen[0].Alpha, 1e-9);
        Assert.Equal(0.025 - (0.025 - 0.0001) * 11 / 12.0, seen[^1].Alpha, 1e-6); // the last block starts at 11/12 of the run
    }

    /// <summary>The deterministic mode gives the same bits at 1, 2 and 3 threads, for both architectures.</summary>
    [Theory]
    [InlineData(Word2VecArchitecture.SkipGram)]
    [InlineData(Word2VecArchitecture.Cbow)]
    public void TheDeterministicModeGivesTheSameBitsAtAnyThreadCount(Word2VecArchitecture architecture)
    {
        var corpus = TwoTopicCorpus(sentences: 400);
        float[] Run(int threads)
        {
            var model = Word2Vec.Create(corpus, new Word2VecOptions
            {
                Architecture = architecture, VectorSize = 8, Window = 3, Epochs = 2, HierarchicalSoftmax = true, Sample = 1e-2,
                BlockWords = 97, RoundBlocks = 4, Deterministic = true, Threads = threads, Seed = 9,
            }, minCount: 1);
            model.Train(corpus);
            return [.. model.Syn0, .. model.Syn1Neg, .. model.Syn1];
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(3));
    }

    /// <summary>With one worker HOGWILD! has nobody to race with, so it is reproducible too; a different seed gives different vectors.</summary>
    [Fact]
    public void OneHogwildWorkerIsReproducible()
    {
        var corpus = TwoTopicCorpus(sentences: 200);
        float[] Run(long seed)
        {
            var model = Word2Vec.Create(corpus, new Word2VecOptions { VectorSize = 8, Window = 2, Epochs = 1, BlockWords = 100, Seed = seed }, minCount: 1);
            model.Train(corpus);
            return model.Syn0.ToArray();
        }
        Assert.Equal(Run(4), Run(4));
        Assert.NotEqual(Run(4), Run(5));
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        var vocabulary = Vocabulary.Build(["a", "b", "a"]);
        Assert.Contains("the vocabulary has 2 word(s), fewer than the window of 5",
            Assert.Throws<ArgumentException>(() => new Word2Vec(vocabulary)).Message);
        Assert.Contains("expected negative sampling (Negative > 0), the hierarchical softmax, or both",
            Assert.Throws<ArgumentException>(() => new Word2Vec(vocabulary, new Word2VecOptions { Window = 1, Negative = 0 })).Message);
        Assert.Contains("MinAlpha must lie in [0, Alpha = 0.025], got 0.5",
            Assert.Throws<ArgumentException>(() => new Word2Vec(vocabulary, new Word2VecOptions { Window = 1, MinAlpha = 0.5 })).Message);
        var model = new Word2Vec(vocabulary, new Word2VecOptions { Window = 1 });
        Assert.Contains("the corpus is empty",
            Assert.Throws<ArgumentException>(() => model.Train([["zebra", "yak"]])).Message);
        Assert.Contains("the corpus is empty",
            Assert.Throws<ArgumentException>(() => Word2Vec.Create([])).Message);
    }
}
