namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Encodes a stream of tokenised sentences with a <see cref="Vocabulary"/> (words outside it are dropped, as
/// word2vec and gensim do) and packs them into <see cref="TrainingBlock"/>s of at least <c>blockWords</c> words,
/// the last block of each epoch possibly smaller. Sentences are never split, so blocks are a pure function of the
/// corpus, the vocabulary and the block size.
/// </summary>
internal static class BlockReader
{
    public static IEnumerable<TrainingBlock> Blocks(IEnumerable<IReadOnlyList<string>> sentences, Vocabulary vocabulary,
        int blockWords, long firstIndex, long firstWord, long firstSentence)
    {
        var words = new List<int>(blockWords + 64);
        var ends = new List<int>();
        long index = firstIndex, position = firstWord;
        long sentencesRead = firstSentence, blockStartSentence = firstSentence;
        foreach (var sentence in sentences)
        {
            if (words.Count == 0) blockStartSentence = sentencesRead;
            sentencesRead++;
            int before = words.Count;
            foreach (var token in sentence)
            {
                int word = vocabulary.IndexOf(token);
                if (word >= 0) words.Add(word);
            }
            if (words.Count == before) continue;
            ends.Add(words.Count);
            if (words.Count >= blockWords)
            {
                yield return new TrainingBlock(index++, position, blockStartSentence, [.. words], [.. ends]);
                position += words.Count;
                words.Clear();
                ends.Clear();
            }
        }
        if (words.Count > 0) yield return new TrainingBlock(index, position, blockStartSentence, [.. words], [.. ends]);
    }
}
