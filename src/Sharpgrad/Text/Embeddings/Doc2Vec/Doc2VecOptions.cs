namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The hyper-parameters of <see cref="Doc2Vec"/>. Defaults are gensim's <c>Doc2Vec</c> (dm=1, vector_size=100,
/// window=5, negative=5, alpha 0.025 → 0.0001, sample=1e-3, epochs=10).
/// </summary>
public sealed record Doc2VecOptions
{
    /// <summary>PV-DM or PV-DBOW.</summary>
    public Doc2VecMode Mode { get; init; } = Doc2VecMode.DistributedMemory;

    /// <summary>The dimension d of the word and paragraph vectors.</summary>
    public int VectorSize { get; init; } = 100;

    /// <summary>PV-DM's context window (the dynamic window of word2vec); PV-DBOW has none.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Noise words per prediction (negative sampling); 0 turns it off.</summary>
    public int Negative { get; init; } = 5;

    /// <summary>Whether to use the hierarchical softmax over a Huffman tree as well as (or instead of) negative sampling.</summary>
    public bool HierarchicalSoftmax { get; init; }

    /// <summary>The learning rate at the start of training (and of inference); it decays linearly to <see cref="MinAlpha"/>.</summary>
    public double Alpha { get; init; } = 0.025;

    /// <summary>The learning rate at the end.</summary>
    public double MinAlpha { get; init; } = 0.0001;

    /// <summary>The subsampling threshold of frequent words; 0 turns it off.</summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary>Passes over the documents in training, and over the new document in <see cref="Doc2Vec.InferVector"/>.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Seeds the initial vectors and every document's random stream (window sizes, noise words, subsampling).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The same settings as word2vec's, which the shared training step reads.</summary>
    internal Word2VecOptions ForWord2Vec() => new()
    {
        Architecture = Mode == Doc2VecMode.DistributedMemory ? Word2VecArchitecture.Cbow : Word2VecArchitecture.SkipGram,
        VectorSize = VectorSize, Window = Window, Negative = Negative, HierarchicalSoftmax = HierarchicalSoftmax,
        Alpha = Alpha, MinAlpha = MinAlpha, Sample = Sample, Epochs = Epochs, Seed = Seed,
    };

    /// <summary>Throws when an option is out of range, naming it and the value (word2vec's checks, as Doc2Vec's).</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Mode)) throw new ArgumentException($"Doc2Vec: Mode must be DistributedMemory or DistributedBagOfWords, got {Mode}.");
        try
        {
            ForWord2Vec().Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message.Replace("Word2Vec: ", "Doc2Vec: "), e);
        }
    }
}
