using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Skip-gram trained three times on one corpus: by negative sampling, by the hierarchical softmax and by NCE.</summary>
internal sealed record NegativeSamplingVersusHsResult(ObjectiveRun NegativeSampling, ObjectiveRun HierarchicalSoftmax, ObjectiveRun Nce, double MeanPathLength, int Negative, double ChanceScore)
{
    /// <summary>The three runs in plotting order.</summary>
    public IReadOnlyList<ObjectiveRun> Runs => [NegativeSampling, HierarchicalSoftmax, Nce];
}

/// <summary>
/// Three ways word2vec avoids a softmax over the whole vocabulary (Mikolov et al. 2013; GBC §12.4.3, §18.6): negative
/// sampling scores the target against k noise words (k + 1 dot products a prediction), the hierarchical softmax
/// walks the target's Huffman path (its length averages about log₂ V, shorter for frequent words), and NCE scores
/// the same k noise words by their log-odds s − log(k·q(w)) against the unigram^0.75 noise. Same corpus,
/// dimension, window, epochs and seed; the losses are different objectives, so each is read against its own start.
/// </summary>
internal static class NegativeSamplingVersusHs
{
    public static NegativeSamplingVersusHsResult Run(bool quick, long seed)
    {
        var corpus = EmbeddingCorpus.Load(quick, seed);
        var vocabulary = EmbeddingSettings.Vocabulary(corpus);
        var ns = ObjectiveRun.Train("negative sampling (k = 5)", new Word2Vec(vocabulary, EmbeddingSettings.Word2Vec(quick, seed)), corpus);
        var hsModel = new Word2Vec(vocabulary, EmbeddingSettings.Word2Vec(quick, seed, negative: 0, hierarchical: true));
        var hs = ObjectiveRun.Train("hierarchical softmax", hsModel, corpus);
        var nce = ObjectiveRun.Train("NCE (k = 5)", new Word2Vec(vocabulary, EmbeddingSettings.Word2Vec(quick, seed) with { NoiseContrastive = true }), corpus);
        // The expected path length under the corpus's word frequencies: the dot products per hierarchical-softmax prediction.
        var tree = hsModel.Tree!;
        double path = Enumerable.Range(0, vocabulary.Count).Sum(i => (double)vocabulary.Counts[i] * tree.Code(i).Length) / vocabulary.TotalCount;
        return new NegativeSamplingVersusHsResult(ns, hs, nce, path, 5, ns.Score.ChanceMeanReciprocalRank);
    }
}
