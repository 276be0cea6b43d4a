namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The read-only tables every worker shares: subsampling keep probabilities, the noise sampler (the vocabulary's
/// unigram^0.75 unless a test passes its own), the Huffman tree, fastText's subword rows.
/// </summary>
internal sealed class Word2VecTables
{
    public Word2VecTables(Vocabulary vocabulary, Word2VecOptions options, HuffmanTree? tree, NoiseSampler? noise = null, SubwordTable? subwords = null)
    {
        KeepProbability = [.. Enumerable.Range(0, vocabulary.Count).Select(i => vocabulary.KeepProbability(i, options.Sample))];
        Noise = options.Negative > 0 ? noise ?? vocabulary.NoiseSampler() : null;
        if (options.NoiseContrastive && Noise is not null)
            NoiseLogExpectedCount = [.. Noise.Probabilities.Select(q => (float)Math.Log(options.Negative * q))];
        Tree = tree;
        Subwords = subwords;
        TotalWords = vocabulary.TotalCount * options.Epochs;
        TotalSentences = vocabulary.SentenceCount * options.Epochs;
        decayBySentences = options.DecayBy switch
        {
            LearningRateClock.Words => false,
            LearningRateClock.Sentences => TotalSentences > 0 ? true : throw new ArgumentException(
                "Word2Vec: DecayBy = Sentences needs the corpus's sentence count, but the vocabulary was built from bare tokens; "
                + "expected a vocabulary from Vocabulary.FromSentences, or DecayBy = Words or Auto."),
            _ => TotalSentences > 0,
        };
    }

    private readonly bool decayBySentences;

    /// <summary>The probability that subsampling keeps each word (<see cref="Vocabulary.KeepProbability"/>).</summary>
    public double[] KeepProbability { get; }

    /// <summary>Unigram^0.75 noise, when negative sampling is on.</summary>
    public NoiseSampler? Noise { get; }

    /// <summary>NCE's log(k·q(w)) per word, subtracted from every score; null for negative sampling (where k·q = 1).</summary>
    public float[]? NoiseLogExpectedCount { get; }

    /// <summary>The Huffman tree, when the hierarchical softmax is on.</summary>
    public HuffmanTree? Tree { get; }

    /// <summary>fastText's input rows of every vocabulary word (its own and its n-gram buckets), or null for plain word2vec.</summary>
    public SubwordTable? Subwords { get; }

    /// <summary>The vocabulary words of the whole run, all epochs: the horizon of the word clock's decay.</summary>
    public long TotalWords { get; }

    /// <summary>The sentences of the whole run, all epochs (0 when the vocabulary does not know its sentence count).</summary>
    public long TotalSentences { get; }

    /// <summary>
    /// How far into the run <paramref name="block"/> starts, as (done, total) on the options' <see cref="LearningRateClock"/>.
    /// </summary>
    public (long Done, long Total) Progress(TrainingBlock block) =>
        decayBySentences ? (block.FirstSentence, TotalSentences) : (block.FirstWord, TotalWords);
}
