using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Tests.Text.Embeddings;

/// <summary>doc2vec's PV-DM and PV-DBOW: topics separate, inference places unseen documents, a seed fixes the bits, bad input is named.</summary>
public class Doc2VecTests
{
    private static readonly string[][] TopicWords =
    [
        ["ball", "goal", "team", "score", "match", "player", "coach", "referee"],
        ["oven", "flour", "sugar", "bake", "recipe", "butter", "dough", "cake"],
    ];

    private static readonly string[] FunctionWords = ["the", "a", "and", "of", "with", "in"];

    /// <summary>
    /// Documents of 12 words: 8 drawn from one topic's words, 4 function words shared by both topics, shuffled.
    /// Tags are "sport-k" and "food-k".
    /// </summary>
    internal static List<TaggedDocument> TopicDocuments(int perTopic, long seed)
    {
        var random = new Generator(seed);
        var documents = new List<TaggedDocument>();
        for (int k = 0; k < perTopic; k++)
        {
            for (int topic = 0; topic < 2; topic++)
            {
                var words = Enumerable.Range(0, 12).Select(i => i < 8 ? TopicWords[topic][random.NextInt64(8)] : FunctionWords[random.NextInt64(6)]).ToArray();
                for (int i = words.Length - 1; i > 0; i--)
                {
                    int j = (int)random.NextInt64(i + 1);
                    (words[i], words[j]) = (words[j], words[i]);
                }
                documents.Add(new TaggedDocument(words, (topic == 0 ? "sport-" : "food-") + k));
            }
        }
        return documents;
    }

    private static Doc2VecOptions Quick(Doc2VecMode mode, long seed = 5) => new()
    {
        Mode = mode, VectorSize = 16, Window = 3, Negative = 5, Epochs = 40, Alpha = 0.05, Sample = 0, Seed = seed,
    };

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.Length; k++)
        {
            dot += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return dot / Math.Sqrt(aa * bb);
    }

    /// <summary>
    /// The claim of the paper's §3 in miniature: held-out documents (a different seed, so different word sequences)
    /// get inferred vectors that are, on average, closer (cosine) to the training documents of their own topic than to
    /// the other topic's, and whose nearest training document is of their own topic. The topics share only function
    /// words, so a model that learned nothing (random vectors) would pass each of the 10 documents with probability ½.
    /// </summary>
    [Theory]
    [InlineData(Doc2VecMode.DistributedMemory)]
    [InlineData(Doc2VecMode.DistributedBagOfWords)]
    public void InferredVectorsOfHeldOutDocumentsLieNearTheirTopic(Doc2VecMode mode)
    {
        var training = TopicDocuments(perTopic: 20, seed: 1);
        var model = Doc2Vec.Create(training, Quick(mode));
        var losses = model.Train(training);
        Assert.True(losses[^1] < losses[0], $"mean loss of the first epoch {losses[0]}, of the last {losses[^1]}");
        var documents = model.DocumentVectors();
        foreach (var heldOut in TopicDocuments(perTopic: 5, seed: 2))
        {
            var inferred = model.InferVector(heldOut.Words);
            string topic = heldOut.Tag.Split('-')[0];
            double own = training.Where(d => d.Tag.StartsWith(topic)).Average(d => Cosine(inferred, documents[d.Tag]));
            double other = training.Where(d => !d.Tag.StartsWith(topic)).Average(d => Cosine(inferred, documents[d.Tag]));
            Assert.True(own > other + 0.1, $"{mode}, held-out {heldOut.Tag}: mean cosine {own:F3} to its own topic, {other:F3} to the other");
            Assert.StartsWith(topic, documents.MostSimilar(inferred, 1)[0].Word);
        }
    }

    /// <summary>One seed, one set of bits, in training and in inference; another seed, other bits. Inference leaves the model as it was.</summary>
    [Theory]
    [InlineData(Doc2VecMode.DistributedMemory)]
    [InlineData(Doc2VecMode.DistributedBagOfWords)]
    public void TheSameSeedGivesTheSameVectorsAndInferenceChangesNothing(Doc2VecMode mode)
    {
        var training = TopicDocuments(perTopic: 5, seed: 1);
        (float[] Documents, float[] Words, float[] Inferred, Doc2Vec Model) Run(long seed)
        {
            var model = Doc2Vec.Create(training, Quick(mode, seed) with { Epochs = 3, Sample = 1e-3 });
            model.Train(training);
            var documents = model.DocumentVectors().ToTensor().ToArray<float>();
            var words = model.WordVectors().ToTensor().ToArray<float>();
            return (documents, words, model.InferVector(["ball", "goal", "the", "unseen"]), model);
        }
        var first = Run(7);
        var again = Run(7);
        Assert.Equal(first.Documents, again.Documents);
        Assert.Equal(first.Words, again.Words);
        Assert.Equal(first.Inferred, again.Inferred);
        Assert.Equal(first.Inferred, first.Model.InferVector(["ball", "goal", "the", "unseen"])); // the same document, the same vector
        Assert.NotEqual(first.Documents, Run(8).Documents);
        // Inference trains only its new vector: the model's vectors are the bits they were before it.
        Assert.Equal(first.Documents, first.Model.DocumentVectors().ToTensor().ToArray<float>());
        Assert.Equal(first.Words, first.Model.WordVectors().ToTensor().ToArray<float>());
    }

    /// <summary>PV-DM trains the word vectors too (they are the context); PV-DBOW leaves them at their random start, as gensim's dbow_words=0.</summary>
    [Fact]
    public void OnlyPvDmMovesTheWordVectors()
    {
        var training = TopicDocuments(perTopic: 5, seed: 1);
        float[] Words(Doc2VecMode mode, bool train)
        {
            var model = Doc2Vec.Create(training, Quick(mode) with { Epochs = 2 });
            if (train) model.Train(training);
            return model.WordVectors().ToTensor().ToArray<float>();
        }
        Assert.Equal(Words(Doc2VecMode.DistributedBagOfWords, false), Words(Doc2VecMode.DistributedBagOfWords, true));
        Assert.NotEqual(Words(Doc2VecMode.DistributedMemory, false), Words(Doc2VecMode.DistributedMemory, true));
    }

    [Fact]
    public void BadInputGetsAClearError()
    {
        var training = TopicDocuments(perTopic: 2, seed: 1);
        var model = Doc2Vec.Create(training, Quick(Doc2VecMode.DistributedBagOfWords) with { Epochs = 1 });
        var unknownTag = Assert.Throws<KeyNotFoundException>(() => model.DocumentVector("poetry-0")).Message;
        Assert.Contains("Doc2Vec.DocumentVector: unknown document tag 'poetry-0'", unknownTag);
        Assert.Contains("the model has 4 tag(s)", unknownTag);
        Assert.Contains("unknown document tag 'new'", Assert.Throws<KeyNotFoundException>(() => model.Train([new TaggedDocument(["ball"], "new")])).Message);
        Assert.Contains("Doc2Vec.Train: document 1 (tag 'food-0') is empty", Assert.Throws<ArgumentException>(() => model.Train([training[0], new TaggedDocument([], "food-0")])).Message);
        Assert.Contains("Doc2Vec.InferVector: the document is empty", Assert.Throws<ArgumentException>(() => model.InferVector([])).Message);
        Assert.Contains("none of them in the vocabulary", Assert.Throws<ArgumentException>(() => model.InferVector(["poem", "verse"])).Message);
        Assert.Contains("epochs must be at least 1", Assert.Throws<ArgumentException>(() => model.InferVector(["ball"], epochs: 0)).Message);
        Assert.Contains("Doc2Vec: Window must be at least 1", Assert.Throws<ArgumentException>(() => Doc2Vec.Create(training, new Doc2VecOptions { Window = 0 })).Message);
        Assert.Contains("expected at least one document", Assert.Throws<ArgumentException>(() => Doc2Vec.Create([])).Message);
    }
}
