namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// What word2vec's linear learning-rate decay measures its progress through the run in. The two reference
/// implementations differ here, and on a corpus whose sentence lengths change along it the difference shows in the
/// vectors: in the GCIDE + fortunes + WordNet corpus of bench/compare_word2vec.sh the first half of the sentences
/// holds 66% of the words, so a sentence clock keeps the rate higher over the bulk of the words (docs/performance.md,
/// "word2vec quality").
/// </summary>
public enum LearningRateClock
{
    /// <summary>
    /// <see cref="Sentences"/> when the vocabulary knows its sentence count (<see cref="Vocabulary.FromSentences"/>,
    /// which <see cref="Word2Vec.Create"/> and <c>sharpgrad embed train</c> use), else <see cref="Words"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// Sentences read / sentences in the run: gensim's schedule whenever it knows the corpus's sentence count (its
    /// <c>Word2Vec(sentences)</c> constructor passes <c>total_examples=corpus_count</c>). Needs a vocabulary built with
    /// <see cref="Vocabulary.FromSentences"/>: a model over a vocabulary built from bare tokens refuses it.
    /// </summary>
    Sentences,

    /// <summary>Vocabulary words read / vocabulary words in the run: word2vec's C tool.</summary>
    Words,
}
