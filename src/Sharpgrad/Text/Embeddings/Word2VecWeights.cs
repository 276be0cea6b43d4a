namespace Sharpgrad.Text.Embeddings;

/// <summary>The three weight matrices of a <see cref="Word2Vec"/>, row-major, d floats a row.</summary>
internal sealed class Word2VecWeights(int inputRows, int outputWords, int dimension, bool negative, bool hierarchical)
{
    public int Dimension { get; } = dimension;

    /// <summary>The input vectors: V × d word vectors (what training produces), for fastText followed by the n-gram buckets.</summary>
    public float[] Syn0 { get; } = new float[(long)inputRows * dimension];

    /// <summary>The output vectors of negative sampling, V × d (empty when it is off).</summary>
    public float[] Syn1Neg { get; } = negative ? new float[(long)outputWords * dimension] : [];

    /// <summary>The inner-node vectors of the hierarchical softmax, (V − 1) × d (empty when it is off).</summary>
    public float[] Syn1 { get; } = hierarchical ? new float[(long)(outputWords - 1) * dimension] : [];
}
