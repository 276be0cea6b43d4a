namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// How a training step reaches the rows of the three weight matrices: word vectors (syn0), negative-sampling
/// output vectors (syn1neg) and hierarchical-softmax inner-node vectors (syn1). The step is generic over a struct
/// implementing this, so the JIT compiles one copy per access kind with no virtual calls: HOGWILD! writes the shared
/// arrays in place (<see cref="SharedRows"/>); the deterministic mode writes private copies (<see cref="PrivateRowSet"/>).
/// </summary>
internal interface IRowAccess
{
    Span<float> Input(int word);

    Span<float> Negative(int word);

    Span<float> Inner(int node);
}

/// <summary>Direct access to the shared matrices: every thread writes them in place, without locks (HOGWILD!).</summary>
internal readonly struct SharedRows(Word2VecWeights weights) : IRowAccess
{
    private readonly float[] syn0 = weights.Syn0, syn1neg = weights.Syn1Neg, syn1 = weights.Syn1;
    private readonly int d = weights.Dimension;

    public Span<float> Input(int word) => syn0.AsSpan(word * d, d);

    public Span<float> Negative(int word) => syn1neg.AsSpan(word * d, d);

    public Span<float> Inner(int node) => syn1.AsSpan(node * d, d);
}
