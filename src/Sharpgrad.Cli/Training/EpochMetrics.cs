namespace Sharpgrad.Cli.Training;

/// <summary>
/// What one epoch of training produced: the mean loss and the accuracy on the training split and on
/// the held-out test split. It is the single currency shared by the progress display, the metrics
/// CSV and the training-curves plot, so none of them needs to know anything about models or tensors.
/// </summary>
/// <param name="Epoch">1-based epoch number (epoch 1 is the first pass over the training data).</param>
/// <param name="TrainLoss">Mean loss over the training split during (or after) this epoch.</param>
/// <param name="TrainAccuracy">Fraction of training examples classified correctly, in [0, 1].</param>
/// <param name="TestLoss">Mean loss over the test split after this epoch.</param>
/// <param name="TestAccuracy">Fraction of test examples classified correctly, in [0, 1].</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double TestLoss,
    double TestAccuracy);
