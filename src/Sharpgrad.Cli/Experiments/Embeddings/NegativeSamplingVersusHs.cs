using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>Skip-gram trained twice on one corpus, by negative sampling and by the hierarchical softmax.</summary>
internal sealed record NegativeSamplingVersusHsResult(ObjectiveRun NegativeSampling, ObjectiveRun HierarchicalSoftmax, double MeanPathLength, int Negative, double ChanceScore);

/// <summary>
/// The two ways word2vec avoids a softmax over the whole vocabulary (Mikolov et al. 2013; GBC §12.4.3): negative
/// sampling scores the target against k noise words (k + 1 dot products a prediction), the hierarchical softmax
/// walks the target's Huffman path (its length averages about log₂ V, shorter for frequent words). Same corpus,
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
        // The expected path length under the corpus's word frequencies: the dot products per hierarchical-softmax prediction.
        var tree = hsModel.Tree!;
        double path = Enumerable.Range(0, vocabulary.Count).Sum(i => (double)vocabulary.Counts[i] * tree.Code(i).Length) / vocabulary.TotalCount;
        return new NegativeSamplingVersusHsResult(ns, hs, path, 5, ns.Score.ChanceMeanReciprocalRank);
    }
}
