namespace Sharpgrad.Text.Embeddings;

/// <summary>
/// Where a <see cref="Word2Vec.Train"/> run stands: vocabulary words trained (before subsampling) out of the run's
/// total, seconds since it started, the loss summed over the predictions trained so far (−log-likelihood: for
/// negative sampling −log σ(s⁺) − Σ log σ(−s⁻), for the hierarchical softmax −log P(word), from the same σ table as
/// the updates), how many predictions that is, and the learning rate of the last block.
/// </summary>
public readonly record struct Word2VecProgress(long Words, long TotalWords, double Seconds, double Loss, long Predictions, double Alpha)
{
    /// <summary>The loss per prediction so far.</summary>
    public double MeanLoss => Predictions == 0 ? 0 : Loss / Predictions;

    /// <summary>Vocabulary words per second so far.</summary>
    public double WordsPerSecond => Seconds > 0 ? Words / Seconds : 0;
}
