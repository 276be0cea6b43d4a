using Sharpgrad.Classic;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>What <see cref="WordNeighbours"/> found: neighbours of the query words, a 2-D map of the most frequent words, and the synonym score.</summary>
internal sealed record WordNeighboursResult(
    IReadOnlyList<(string Word, IReadOnlyList<(string Word, double Similarity)> Neighbours)> Queries,
    string[] MapWords, double[] MapX, double[] MapY, SynonymScore.Result Score, double ChanceScore, int VocabularySize, double Seconds);

/// <summary>
/// Buduma ch6's picture of skip-gram: train on real text, list the nearest neighbours of a few words, and map the
/// most frequent words to 2-D by t-SNE, where related words cluster. The WordNet synonym score says, in one number,
/// how far the neighbourhoods beat chance.
/// </summary>
internal static class WordNeighbours
{
    /// <summary>The words whose neighbours the full run lists (those in the vocabulary).</summary>
    public static readonly string[] FullQueries = ["love", "money", "god", "war", "woman", "life", "computer", "truth", "music", "king"];

    public static WordNeighboursResult Run(bool quick, long seed)
    {
        var corpus = EmbeddingCorpus.Load(quick, seed);
        var vocabulary = EmbeddingSettings.Vocabulary(corpus);
        var model = new Word2Vec(vocabulary, EmbeddingSettings.Word2Vec(quick, seed));
        var done = model.Train(corpus.Sentences);
        var vectors = model.Vectors();
        string[] queries = quick ? [.. EmbeddingCorpus.TinyTopics.Select(t => t.Pair[0])] : [.. FullQueries.Where(vocabulary.Contains)];
        var neighbours = queries.Select(q => (q, vectors.MostSimilar(q, 8))).ToList();

        int mapped = Math.Min(quick ? 48 : 300, vocabulary.Count);
        var rows = vectors.ToTensor().Narrow(0, 0, mapped).Double();
        var map = new TSNE(perplexity: quick ? 10 : 30, maxIter: quick ? 300 : 1000, seed: (int)seed).FitTransform(rows);
        var score = SynonymScore.Evaluate(vectors, corpus.Synonyms);
        return new WordNeighboursResult(neighbours, [.. vocabulary.Words.Take(mapped)], map[.., 0].ToArray<double>(), map[.., 1].ToArray<double>(),
            score, score.ChanceMeanReciprocalRank, vocabulary.Count, done.Seconds);
    }
}
