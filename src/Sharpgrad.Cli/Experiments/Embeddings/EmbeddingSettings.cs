using Sharpgrad.Text;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The hyper-parameters every word-embedding experiment shares, so their numbers compare: gensim's defaults on the
/// full corpus (d = 100, window 5, 5 noise words, 5 epochs, sample 10⁻³), small and fast ones on the tiny corpus (d = 8, below
/// the 11 distinct contexts of a centre word, so GloVe's least squares pins synonyms together).
/// One worker thread, so a seed gives the same vectors on every run (HOGWILD! with one worker is reproducible).
/// </summary>
internal static class EmbeddingSettings
{
    public static Word2VecOptions Word2Vec(bool quick, long seed, int negative = 5, bool hierarchical = false) => quick
        ? new() { VectorSize = 8, Window = 2, Negative = negative, HierarchicalSoftmax = hierarchical, Epochs = 10, Alpha = 0.05, Sample = 0, BlockWords = 500, Seed = seed + 1 }
        : new() { VectorSize = 100, Window = 5, Negative = negative, HierarchicalSoftmax = hierarchical, Epochs = 5, Seed = seed + 1 };

    /// <summary>GloVe at the same dimension and window as <see cref="Word2Vec"/>; the tool's x_max, α and η.</summary>
    public static GloVeOptions GloVe(bool quick, long seed) => quick
        ? new() { VectorSize = 8, Window = 2, XMax = 10, Epochs = 40, LearningRate = 0.1, Seed = seed + 1 }
        : new() { VectorSize = 100, Window = 5, Epochs = 25, Seed = seed + 1 };

    /// <summary>fastText's n-grams 3–6; fewer buckets than its 2 M, which a corpus this size does not need.</summary>
    public static SubwordOptions Subwords(bool quick) => new() { Buckets = quick ? 5003 : 200_003 };

    /// <summary>The vocabulary of <paramref name="corpus"/> at its min count.</summary>
    public static Vocabulary Vocabulary(EmbeddingCorpus corpus) => Sharpgrad.Text.Vocabulary.FromSentences(corpus.Sentences, corpus.MinCount);
}
