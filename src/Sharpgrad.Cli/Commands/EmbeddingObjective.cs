namespace Sharpgrad.Cli.Commands;

/// <summary>How <c>embed train</c> avoids word2vec's full softmax over the vocabulary (GBC §12.4.3, §18.6).</summary>
internal enum EmbeddingObjective
{
    /// <summary>Negative sampling: the target against --negative noise words, log σ(s) + Σ log σ(−s).</summary>
    [ChoiceName("ns")]
    NegativeSampling,

    /// <summary>Noise-contrastive estimation: the same noise words, every score shifted by −log(k·q(w)).</summary>
    Nce,

    /// <summary>The hierarchical softmax over a Huffman tree (with no noise words unless --negative is given).</summary>
    [ChoiceName("hs")]
    HierarchicalSoftmax,
}
