namespace Sharpgrad.Training;

/// <summary>
/// A number read off each <see cref="EpochRecord"/> together with the direction that counts as better: what
/// <see cref="EarlyStopping"/> watches and what a hyper-parameter search ranks trials by.
/// </summary>
/// <param name="Name">The name used in messages and CSV headers ("validation_loss").</param>
/// <param name="Read">Reads the value from an epoch's record.</param>
/// <param name="HigherIsBetter">True for accuracies, false for losses.</param>
public sealed record TrainingMetric(string Name, Func<EpochRecord, double> Read, bool HigherIsBetter)
{
    public static TrainingMetric ValidationLoss { get; } = new("validation_loss", r => r.ValidationLoss, HigherIsBetter: false);

    public static TrainingMetric ValidationAccuracy { get; } = new("validation_accuracy", r => r.ValidationAccuracy, HigherIsBetter: true);

    public static TrainingMetric TrainLoss { get; } = new("train_loss", r => r.TrainLoss, HigherIsBetter: false);

    public static TrainingMetric TrainAccuracy { get; } = new("train_accuracy", r => r.TrainAccuracy, HigherIsBetter: true);

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/>.</summary>
    public bool Improves(double candidate, double best, double minDelta = 0) =>
        HigherIsBetter ? candidate > best + minDelta : candidate < best - minDelta;

    /// <summary>The worst possible value, from which any finite value is an improvement.</summary>
    public double Worst => HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
}
