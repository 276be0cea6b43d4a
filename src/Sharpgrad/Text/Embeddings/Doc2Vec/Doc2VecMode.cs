namespace Sharpgrad.Text.Embeddings;

/// <summary>The two paragraph-vector models of Le &amp; Mikolov (2014).</summary>
public enum Doc2VecMode
{
    /// <summary>PV-DM (§2.2): the paragraph vector and the context words' vectors, averaged, predict each word.</summary>
    DistributedMemory,

    /// <summary>PV-DBOW (§2.3): the paragraph vector alone predicts words sampled from the document.</summary>
    DistributedBagOfWords,
}
