namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// The hyper-parameters of <see cref="Word2Vec"/>. Defaults are gensim 4's (<c>Word2Vec(vector_size=100, window=5,
/// alpha=0.025, min_alpha=0.0001, sample=1e-3, negative=5, hs=0, epochs=5)</c>), which are word2vec's C defaults
/// except that the C tool starts CBOW at alpha 0.05.
/// </summary>
public sealed record Word2VecOptions
{
    /// <summary>Skip-gram or CBOW.</summary>
    public Word2VecArchitecture Architecture { get; init; } = Word2VecArchitecture.SkipGram;

    /// <summary>The dimension d of every word vector.</summary>
    public int VectorSize { get; init; } = 100;

    /// <summary>The largest distance between the centre word and a context word; each centre word draws a window of 1..Window.</summary>
    public int Window { get; init; } = 5;

    /// <summary>Noise words per positive pair; 0 turns negative sampling off (then <see cref="HierarchicalSoftmax"/> must be on).</summary>
    public int Negative { get; init; } = 5;

    /// <summary>
    /// Whether the <see cref="Negative"/> noise words are scored by noise-contrastive estimation (GBC §18.6; Mnih &amp;
    /// Teh 2012) rather than negative sampling: each score s is replaced by the log-odds s − log(k·q(w)) against the
    /// unigram^0.75 noise q before σ, so u·v learns the self-normalised log p(w | c). Negative sampling is the special case
    /// k·q(w) = 1 (Mikolov et al. 2013), which drops the correction.
    /// </summary>
    public bool NoiseContrastive { get; init; }

    /// <summary>Whether to train the hierarchical softmax over a Huffman tree (GBC §12.4.3.2); may be combined with negative sampling, as in word2vec.</summary>
    public bool HierarchicalSoftmax { get; init; }

    /// <summary>
    /// What the linear decay of the learning rate counts (<see cref="LearningRateClock"/>): by default gensim's
    /// sentences when the vocabulary knows how many there are, else the C tool's words.
    /// </summary>
    public LearningRateClock DecayBy { get; init; } = LearningRateClock.Auto;

    /// <summary>The learning rate at the start; it decays linearly to <see cref="MinAlpha"/> over all epochs.</summary>
    public double Alpha { get; init; } = 0.025;

    /// <summary>The learning rate at the end of training.</summary>
    public double MinAlpha { get; init; } = 0.0001;

    /// <summary>The subsampling threshold t of <see cref="Vocabulary.KeepProbability"/>; 0 turns subsampling off.</summary>
    public double Sample { get; init; } = 1e-3;

    /// <summary>Passes over the corpus.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Worker threads; a separate producer thread reads and encodes the corpus, as gensim's does.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Whether the vectors must be identical for a seed at any thread count. Off: HOGWILD! (lock-free updates whose
    /// interleaving depends on the scheduler). On: rounds of <see cref="RoundBlocks"/> blocks (of BlockWords words in
    /// all) that train against the same snapshot and are merged in block order.
    /// </summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// In deterministic mode, how many blocks train in parallel against one snapshot (independent of
    /// <see cref="Threads"/>); a round covers <see cref="BlockWords"/> words, cut into this many blocks.
    /// </summary>
    public int RoundBlocks { get; init; } = 4;

    /// <summary>Words (in the vocabulary, before subsampling) per block of work; gensim's <c>batch_words</c> is 10000 too.</summary>
    public int BlockWords { get; init; } = 10000;

    /// <summary>Seeds the initial vectors and every block's random stream.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Throws when an option is out of range, naming it and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException("Word2Vec: " + message);
        }
        Require(VectorSize >= 1, $"VectorSize must be at least 1, got {VectorSize}.");
        Require(Window >= 1, $"Window must be at least 1, got {Window}.");
        Require(Negative >= 0, $"Negative must be non-negative, got {Negative}.");
        Require(Negative > 0 || HierarchicalSoftmax, "expected negative sampling (Negative > 0), the hierarchical softmax, or both; got neither.");
        Require(!NoiseContrastive || Negative > 0, "NoiseContrastive scores the Negative noise words, so Negative must be at least 1, got 0.");
        Require(double.IsFinite(Alpha) && Alpha > 0, $"Alpha must be positive and finite, got {Alpha}.");
        Require(double.IsFinite(MinAlpha) && MinAlpha >= 0 && MinAlpha <= Alpha, $"MinAlpha must lie in [0, Alpha = {Alpha}], got {MinAlpha}.");
        Require(double.IsFinite(Sample) && Sample >= 0, $"Sample must be finite and non-negative, got {Sample}.");
        Require(Epochs >= 1, $"Epochs must be at least 1, got {Epochs}.");
        Require(Threads >= 1, $"Threads must be at least 1, got {Threads}.");
        Require(RoundBlocks >= 1, $"RoundBlocks must be at least 1, got {RoundBlocks}.");
        Require(BlockWords >= 1, $"BlockWords must be at least 1, got {BlockWords}.");
    }
}
