namespace Sharpgrad.Text.Embeddings;

/// <summary>How <see cref="KeyedVectors.Analogy"/> scores a candidate x for "a is to b as c is to x" (Levy &amp; Goldberg 2014).</summary>
public enum AnalogyMethod
{
    /// <summary>3CosAdd (Mikolov et al. 2013c): cos(x, b) − cos(x, a) + cos(x, c); gensim's <c>most_similar(positive=[b, c], negative=[a])</c> ranks the same.</summary>
    CosAdd,

    /// <summary>
    /// 3CosMul: cos′(x, b)·cos′(x, c) / (cos′(x, a) + ε) with cos′ = (1 + cos)/2 in [0, 1] and ε = 0.001, the paper's
    /// values (gensim's <c>most_similar_cosmul</c> uses ε = 10⁻⁶).
    /// </summary>
    CosMul,
}
