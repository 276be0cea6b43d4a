namespace Sharpgrad.Text.Embeddings;

/// <summary>Which way word2vec predicts (Mikolov et al. 2013a, Fig. 1; Buduma ch6).</summary>
public enum Word2VecArchitecture
{
    /// <summary>Each context word's vector predicts the centre word (word2vec's and gensim's <c>sg=1</c>).</summary>
    SkipGram,

    /// <summary>The mean of the context words' vectors predicts the centre word (<c>cbow_mean=1</c>, word2vec's default).</summary>
    Cbow,
}
