using System.Diagnostics;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>One model's numbers in <see cref="GloveVersusWord2Vec"/>.</summary>
internal sealed record EmbeddingScore(string Name, SynonymScore.Result Score, double Seconds);

/// <summary>GloVe and skip-gram on one corpus at one dimension.</summary>
internal sealed record GloveVersusWord2VecResult(EmbeddingScore Word2Vec, EmbeddingScore GloVe, int Cooccurrences, int VocabularySize, double ChanceScore);

/// <summary>
/// The count-based and the prediction-based road to word vectors (NYU 6.3): GloVe fits the logarithm of the
/// co-occurrence counts by weighted least squares (Pennington et al. 2014), skip-gram predicts context words one
/// pair at a time (Mikolov et al. 2013). Same corpus, vocabulary, dimension and window; GloVe's time includes counting
/// the co-occurrences, as its first pass over the corpus.
/// </summary>
internal static class GloveVersusWord2Vec
{
    public static GloveVersusWord2VecResult Run(bool quick, long seed)
    {
        var corpus = EmbeddingCorpus.Load(quick, seed);
        var vocabulary = EmbeddingSettings.Vocabulary(corpus);
        var word2vec = new Word2Vec(vocabulary, EmbeddingSettings.Word2Vec(quick, seed));
        var done = word2vec.Train(corpus.Sentences);
        var w2v = new EmbeddingScore("skip-gram (negative sampling)", SynonymScore.Evaluate(word2vec.Vectors(), corpus.Synonyms), done.Seconds);

        var options = EmbeddingSettings.GloVe(quick, seed);
        var clock = Stopwatch.StartNew();
        var counts = CooccurrenceMatrix.Count(corpus.Sentences, vocabulary, options.Window);
        var glove = new GloVe(vocabulary, options);
        glove.Train(counts);
        var gl = new EmbeddingScore("GloVe", SynonymScore.Evaluate(glove.Vectors(), corpus.Synonyms), clock.Elapsed.TotalSeconds);
        return new GloveVersusWord2VecResult(w2v, gl, counts.Entries.Count, vocabulary.Count, w2v.Score.ChanceMeanReciprocalRank);
    }
}
