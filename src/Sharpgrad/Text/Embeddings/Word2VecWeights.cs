namespace Sharpgrad.Text.Embeddings;

/// <summary>The three weight matrices of a <see cref="Word2Vec"/>, row-major, d floats a row.</summary>
internal sealed class Word2VecWeights(int words, int innerNodes, int dimension, bool negative, bool hierarchical)
{
    public int Dimension { get; } = dimension;

    /// <summary>The word vectors, V × d: what training produces.</summary>
    public float[] Syn0 { get; } = new float[(long)words * dimension];

    /// <summary>The output vectors of negative sampling, V × d (empty when it is off).</summary>
    public float[] Syn1Neg { get; } = negative ? new float[(long)words * dimension] : [];

    /// <summary>The inner-node vectors of the hierarchical softmax, (V − 1) × d (empty when it is off).</summary>
    public float[] Syn1 { get; } = hierarchical ? new float[(long)innerNodes * dimension] : [];
}
