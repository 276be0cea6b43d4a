namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Where the reading of a training run stands, across epochs: the next block's index, and the vocabulary words and
/// corpus sentences read so far. <see cref="BlockReader"/> advances it as it reads, so each epoch starts where the
/// last one really ended, whatever the corpus holds (a block's learning rate is read from these counts).
/// </summary>
internal sealed class RunPosition
{
    /// <summary>The index of the next block.</summary>
    public long Block { get; set; }

    /// <summary>Vocabulary words read so far (sentences without one count nothing).</summary>
    public long Words { get; set; }

    /// <summary>Sentences read so far, also those without a vocabulary word.</summary>
    public long Sentences { get; set; }
}
