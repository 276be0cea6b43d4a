namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Encodes a stream of tokenised sentences with a <see cref="Vocabulary"/> (words outside it are dropped, as
/// word2vec and gensim do) and packs them into <see cref="TrainingBlock"/>s of at least <c>blockWords</c> words,
/// the last block of each epoch possibly smaller. Sentences are never split, so blocks are a pure function of the
/// corpus, the vocabulary and the block size.
/// </summary>
internal static class BlockReader
{
    /// <summary>The blocks of one pass over <paramref name="sentences"/>, numbered and placed from <paramref name="position"/>, which it advances.</summary>
    public static IEnumerable<TrainingBlock> Blocks(IEnumerable<IReadOnlyList<string>> sentences, Vocabulary vocabulary,
        int blockWords, RunPosition position)
    {
        var words = new List<int>(blockWords + 64);
        var ends = new List<int>();
        long blockStartSentence = position.Sentences;
        foreach (var sentence in sentences)
        {
            if (words.Count == 0) blockStartSentence = position.Sentences;
            position.Sentences++;
            int before = words.Count;
            foreach (var token in sentence)
            {
                int word = vocabulary.IndexOf(token);
                if (word >= 0) words.Add(word);
            }
            if (words.Count == before) continue;
            ends.Add(words.Count);
            if (words.Count >= blockWords) yield return Take(position, blockStartSentence, words, ends);
        }
        if (words.Count > 0) yield return Take(position, blockStartSentence, words, ends);
    }

    /// <summary>The block of the buffered sentences; empties the buffers and moves the position past it.</summary>
    private static TrainingBlock Take(RunPosition position, long firstSentence, List<int> words, List<int> ends)
    {
        var block = new TrainingBlock(position.Block++, position.Words, firstSentence, [.. words], [.. ends]);
        position.Words += words.Count;
        words.Clear();
        ends.Clear();
        return block;
    }
}
