namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// A unit of work for one thread: whole sentences, encoded as vocabulary indices, about
/// <see cref="Word2VecOptions.BlockWords"/> words in all. Its <see cref="Index"/> seeds its random stream and its
/// <see cref="FirstWord"/> or <see cref="FirstSentence"/> fixes its learning rate, so neither depends on which thread trains it or when.
/// </summary>
internal sealed class TrainingBlock(long index, long firstWord, long firstSentence, int[] words, int[] sentenceEnds)
{
    /// <summary>The block's position in the whole run (all epochs), from 0.</summary>
    public long Index { get; } = index;

    /// <summary>How many vocabulary words of the whole run (all epochs) come before this block's first.</summary>
    public long FirstWord { get; } = firstWord;

    /// <summary>
    /// How many sentences of the whole run (all epochs) come before this block's first, counting every sentence read,
    /// also those without a vocabulary word (as <see cref="Vocabulary.SentenceCount"/> does).
    /// </summary>
    public long FirstSentence { get; } = firstSentence;

    /// <summary>The words of every sentence, one after the other.</summary>
    public int[] Words { get; } = words;

    /// <summary>Where each sentence ends in <see cref="Words"/> (exclusive), in order.</summary>
    public int[] SentenceEnds { get; } = sentenceEnds;
}
