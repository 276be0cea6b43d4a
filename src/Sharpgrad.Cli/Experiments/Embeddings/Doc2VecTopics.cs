using Sharpgrad.Classic;
using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One held-out document: its topic, the training document nearest its inferred vector, and that cosine.</summary>
internal sealed record HeldOutDocument(string Mode, string Tag, string Topic, string Nearest, string NearestTopic, double Similarity);

/// <summary>The held-out documents of both modes, the nearest-neighbour chance level, and a 2-D PCA map of PV-DBOW's vectors.</summary>
internal sealed record Doc2VecTopicsResult(IReadOnlyList<HeldOutDocument> HeldOut, double Chance, IReadOnlyList<string> Topics,
    IReadOnlyList<(double X, double Y, string Topic, bool HeldOut)> Map)
{
    /// <summary>The share of <paramref name="mode"/>'s held-out documents whose nearest training document shares their topic.</summary>
    public double Accuracy(string mode) => HeldOut.Where(h => h.Mode == mode).Average(h => h.NearestTopic == h.Topic ? 1.0 : 0.0);
}

/// <summary>
/// Paragraph vectors place unseen documents by topic (Le &amp; Mikolov 2014, §3; NYU ch6): PV-DM and PV-DBOW train on
/// documents of several topics, then infer vectors for held-out documents with the model frozen; a held-out document
/// counts as placed when its nearest training document (cosine) has its topic. Quick runs use generated documents of
/// three topics (topic words plus shared function words); the full run uses four of Debian's fortunes files as topics,
/// one fortune a document, every fifth held out.
/// </summary>
internal static class Doc2VecTopics
{
    public static readonly string[] Modes = ["PV-DM", "PV-DBOW"];

    private static readonly string[] FortuneTopics = ["food", "science", "sports", "politics"];

    public static Doc2VecTopicsResult Run(bool quick, long seed)
    {
        var (train, heldOut) = quick ? Generated(seed) : FromFortunes();
        var topics = train.Select(TopicOf).Distinct().ToList();
        // Chance: the nearest training document's topic drawn by the training shares, against the held-out shares.
        double chance = topics.Sum(t => train.Count(d => TopicOf(d) == t) / (double)train.Count * heldOut.Count(d => TopicOf(d) == t) / heldOut.Count);
        var results = new List<HeldOutDocument>();
        KeyedVectors? dbowVectors = null;
        float[][] dbowInferred = [];
        foreach (var mode in Modes)
        {
            var options = new Doc2VecOptions
            {
                Mode = mode == "PV-DM" ? Doc2VecMode.DistributedMemory : Doc2VecMode.DistributedBagOfWords,
                VectorSize = quick ? 16 : 50, Window = 3, Epochs = quick ? 30 : 20, Alpha = 0.05, Sample = quick ? 0 : 1e-3, Seed = seed,
            };
            var model = Doc2Vec.Create(train, options, minCount: quick ? 1 : 2);
            model.Train(train);
            var vectors = model.DocumentVectors();
            var inferred = heldOut.Select(d => model.InferVector(d.Words)).ToArray();
            for (int i = 0; i < heldOut.Count; i++)
            {
                var (nearest, similarity) = vectors.MostSimilar(inferred[i], 1)[0];
                results.Add(new(mode, heldOut[i].Tag, TopicOf(heldOut[i]), nearest, nearest[..nearest.LastIndexOf('-')], similarity));
            }
            if (mode == "PV-DBOW") (dbowVectors, dbowInferred) = (vectors, inferred);
        }
        return new(results, chance, topics, Map(dbowVectors!, dbowInferred, train, heldOut));
    }

    /// <summary>Training and held-out vectors of PV-DBOW projected on the training vectors' first two principal components.</summary>
    private static List<(double, double, string, bool)> Map(KeyedVectors vectors, float[][] inferred, List<TaggedDocument> train, List<TaggedDocument> heldOut)
    {
        var pca = new PCA(2).Fit(vectors.ToTensor());
        var trained = pca.Transform(vectors.ToTensor()).Double().ToArray<double>();
        var placed = pca.Transform(Tensor.FromArray(inferred.SelectMany(v => v).ToArray(), inferred.Length, vectors.VectorSize)).Double().ToArray<double>();
        var points = new List<(double, double, string, bool)>();
        for (int i = 0; i < vectors.Count; i++) points.Add((trained[2 * i], trained[2 * i + 1], TopicOf(vectors.Words[i]), false));
        for (int i = 0; i < heldOut.Count; i++) points.Add((placed[2 * i], placed[2 * i + 1], TopicOf(heldOut[i]), true));
        return points;
    }

    private static string TopicOf(TaggedDocument d) => TopicOf(d.Tag);

    private static string TopicOf(string tag) => tag[..tag.LastIndexOf('-')];

    /// <summary>Three topics of eight words each and six shared function words; documents of 12 words, 8 from the topic.</summary>
    private static (List<TaggedDocument>, List<TaggedDocument>) Generated(long seed)
    {
        string[][] topics =
        [
            ["ball", "goal", "team", "score", "match", "player", "coach", "referee"],
            ["oven", "flour", "sugar", "bake", "recipe", "butter", "dough", "cake"],
            ["star", "planet", "orbit", "telescope", "comet", "galaxy", "moon", "rocket"],
        ];
        string[] names = ["sport", "food", "space"];
        string[] function = ["the", "a", "and", "of", "with", "in"];
        var random = new Generator(seed);
        List<TaggedDocument> Make(int perTopic, string suffix) =>
        [
            .. Enumerable.Range(0, perTopic).SelectMany(k => Enumerable.Range(0, topics.Length).Select(t => new TaggedDocument(
                [.. Enumerable.Range(0, 12).Select(i => i % 3 == 2 ? function[random.NextInt64(function.Length)] : topics[t][random.NextInt64(8)])],
                $"{names[t]}-{suffix}{k}"))),
        ];
        return (Make(30, ""), Make(10, "h"));
    }

    /// <summary>Four fortunes files as topics, fortunes of at least 5 words; every fifth held out.</summary>
    private static (List<TaggedDocument>, List<TaggedDocument>) FromFortunes()
    {
        var tokenizer = new Tokenizer();
        var files = Fortunes.Files(); // throws, marked as missing data, where the package is absent
        var train = new List<TaggedDocument>();
        var heldOut = new List<TaggedDocument>();
        foreach (var topic in FortuneTopics)
        {
            var fortunes = File.ReadAllText(files.Single(f => Path.GetFileName(f) == topic)).Split("\n%\n")
                .Select(tokenizer.Tokenize).Where(t => t.Count >= 5).ToList();
            for (int k = 0; k < fortunes.Count; k++) (k % 5 == 4 ? heldOut : train).Add(new TaggedDocument(fortunes[k], $"{topic}-{k}"));
        }
        return (train, heldOut);
    }
}
