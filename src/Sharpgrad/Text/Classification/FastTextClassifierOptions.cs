namespace Sharpgrad.Text.Classification;

/// <summary>
/// The hyper-parameters of <see cref="FastTextClassifier"/>. Defaults are fastText's <c>supervised</c> ones (dim 100,
/// lr 0.1, epoch 5, minCount 1, wordNgrams 1) except the number of buckets: fastText's 2 000 000 rows of 100 floats
/// take 800 MB; 100 000 take 40 MB and are plenty for corpora with fewer distinct n-grams than that.
/// </summary>
public sealed record FastTextClassifierOptions
{
    /// <summary>The dimension d of the word and n-gram vectors (the hidden layer).</summary>
    public int VectorSize { get; init; } = 100;

    /// <summary>The longest word n-gram in the bag: 1 is a plain bag of words, 2 adds bigrams, and so on.</summary>
    public int WordNgrams { get; init; } = 1;

    /// <summary>Hash buckets for the word n-grams (allocated only when <see cref="WordNgrams"/> &gt; 1).</summary>
    public int Buckets { get; init; } = 100_000;

    /// <summary>Words seen fewer times than this in training are left out of the vocabulary.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>The SGD step at the start; it decays linearly to 0 over all epochs.</summary>
    public double LearningRate { get; init; } = 0.1;

    /// <summary>Passes over the training texts, each in a fresh seeded order.</summary>
    public int Epochs { get; init; } = 5;

    /// <summary>Seeds the initial vectors and the order of the texts in every epoch.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Throws when an option is out of range, naming it and the value.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException("FastTextClassifier: " + message);
        }
        Require(VectorSize >= 1, $"VectorSize must be at least 1, got {VectorSize}.");
        Require(WordNgrams >= 1, $"WordNgrams must be at least 1, got {WordNgrams}.");
        Require(Buckets >= 1, $"Buckets must be at least 1, got {Buckets}.");
        Require(MinCount >= 1, $"MinCount must be at least 1, got {MinCount}.");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"LearningRate must be positive and finite, got {LearningRate}.");
        Require(Epochs >= 1, $"Epochs must be at least 1, got {Epochs}.");
    }
}
