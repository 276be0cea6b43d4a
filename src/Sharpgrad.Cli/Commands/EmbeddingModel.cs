namespace Sharpgrad.Cli.Commands;

/// <summary>What <c>sharpgrad embed train --model</c> trains.</summary>
internal enum EmbeddingModel
{
    /// <summary>word2vec's skip-gram.</summary>
    SkipGram,

    /// <summary>word2vec's continuous bag of words.</summary>
    Cbow,

    /// <summary>GloVe: weighted least squares on the log co-occurrence counts.</summary>
    GloVe,

    /// <summary>fastText's subword skip-gram.</summary>
    FastText,
}
