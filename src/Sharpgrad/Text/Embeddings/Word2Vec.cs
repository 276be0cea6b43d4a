namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// word2vec (Mikolov et al. 2013a, b; Buduma ch6; GBC §12.4): skip-gram or CBOW, trained with negative sampling,
/// the hierarchical softmax, or both, with a dynamic window, frequent-word subsampling and a learning rate that
/// decays linearly from alpha to min_alpha over the run.
/// </summary>
/// <remarks>
/// A host algorithm on plain float[] matrices, like the classic-ML estimators, not a graph of tensor ops: each
/// training pair touches a handful of rows of a V × d matrix, an update far too sparse and small for autograd (one op
/// per row would cost more than the arithmetic). The matrices are gensim's: syn0 (the word vectors, uniform in
/// ±1/d at the start, as gensim 4), syn1neg (negative-sampling outputs, zero) and syn1 (inner-node outputs, zero). The result
/// is read as a <see cref="KeyedVectors"/> or a [V, d] <see cref="Tensor"/>.
/// </remarks>
public sealed class Word2Vec
{
    private readonly Word2VecWeights weights;
    private readonly Word2VecTables tables;

    /// <summary>A model over <paramref name="vocabulary"/> (sorted by count, as <see cref="Vocabulary.Build"/> gives), with freshly initialised weights.</summary>
    public Word2Vec(Vocabulary vocabulary, Word2VecOptions? options = null)
        : this(vocabulary, options, subwords: null)
    {
    }

    /// <summary>
    /// A model whose input rows are <paramref name="subwords"/>' (fastText: a word's own row and its n-gram buckets,
    /// averaged), or plain word2vec when null.
    /// </summary>
    internal Word2Vec(Vocabulary vocabulary, Word2VecOptions? options, SubwordTable? subwords)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        Options = options ?? new Word2VecOptions();
        Options.Validate();
        if (vocabulary.Count < Math.Max(2, Options.Window))
            throw new ArgumentException($"Word2Vec: the vocabulary has {vocabulary.Count} word(s), fewer than the window of {Options.Window} "
                + "(and at least 2 are needed); expected a larger corpus, a smaller minCount or a smaller window.", nameof(vocabulary));
        Vocabulary = vocabulary;
        Tree = Options.HierarchicalSoftmax ? new HuffmanTree(vocabulary.Counts) : null;
        weights = new Word2VecWeights(subwords?.InputRows ?? vocabulary.Count, vocabulary.Count, Options.VectorSize, Options.Negative > 0, Options.HierarchicalSoftmax);
        tables = new Word2VecTables(vocabulary, Options, Tree, subwords: subwords);
        var random = new Generator(Options.Seed);
        // gensim 4's start, uniform in [−1/d, 1/d) (prep_vectors); word2vec's C code and gensim 3 use ±0.5/d.
        for (int i = 0; i < weights.Syn0.Length; i++) weights.Syn0[i] = (float)((2 * random.NextDouble() - 1) / Options.VectorSize);
    }

    /// <summary>Counts a vocabulary from <paramref name="sentences"/> (one pass) and makes a model over it.</summary>
    public static Word2Vec Create(IEnumerable<IReadOnlyList<string>> sentences, Word2VecOptions? options = null, int minCount = 5, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return new Word2Vec(Vocabulary.FromSentences(sentences, minCount, maxSize), options);
    }

    /// <summary>The hyper-parameters, validated.</summary>
    public Word2VecOptions Options { get; }

    /// <summary>The words the model has vectors for, most frequent first.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>The Huffman tree of the hierarchical softmax, or null when it is off.</summary>
    public HuffmanTree? Tree { get; }

    /// <summary>The input vectors, V × d row-major (for fastText, then one row per n-gram bucket).</summary>
    public ReadOnlySpan<float> Syn0 => weights.Syn0;

    /// <summary>The negative-sampling output vectors, V × d (empty when negative sampling is off).</summary>
    public ReadOnlySpan<float> Syn1Neg => weights.Syn1Neg;

    /// <summary>The hierarchical-softmax inner-node vectors, (V − 1) × d (empty when it is off).</summary>
    public ReadOnlySpan<float> Syn1 => weights.Syn1;

    internal Word2VecWeights Weights => weights;

    /// <summary>
    /// Trains <see cref="Word2VecOptions.Epochs"/> passes over <paramref name="sentences"/> (enumerated once per
    /// epoch, so a <see cref="CorpusReader"/> streams). <paramref name="progress"/> hears after every block, from
    /// whichever thread finished it. Returns the final progress: words, seconds, mean loss.
    /// </summary>
    public Word2VecProgress Train(IEnumerable<IReadOnlyList<string>> sentences, Action<Word2VecProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var tracker = new ProgressTracker(tables, Options, progress);
        var blocks = AllEpochs(sentences);
        if (Options.Deterministic) Word2VecSchedules.Deterministic(blocks, weights, Options, tables, tracker);
        else Word2VecSchedules.Hogwild(blocks, weights, Options, tables, tracker);
        var done = tracker.Current();
        if (done.Words == 0)
            throw new ArgumentException("Word2Vec.Train: the corpus is empty: no sentence holds a word of the vocabulary.", nameof(sentences));
        return done;
    }

    private IEnumerable<TrainingBlock> AllEpochs(IEnumerable<IReadOnlyList<string>> sentences)
    {
        // The deterministic mode cuts a round's BlockWords into RoundBlocks blocks, so its staleness (a round trains
        // against one snapshot) stays at BlockWords words; 8 blocks of 10000 halved the quality score.
        int blockWords = Options.Deterministic ? Math.Max(1, Options.BlockWords / Options.RoundBlocks) : Options.BlockWords;
        var position = new RunPosition();
        for (int epoch = 0; epoch < Options.Epochs; epoch++)
            foreach (var block in BlockReader.Blocks(sentences, Vocabulary, blockWords, position))
                yield return block;
    }

    /// <summary>The trained word vectors with their words (a copy).</summary>
    public KeyedVectors Vectors() => new([.. Vocabulary.Words], weights.Syn0.AsSpan(0, Vocabulary.Count * Options.VectorSize).ToArray(), Options.VectorSize);
}
