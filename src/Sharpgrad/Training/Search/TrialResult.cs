namespace Sharpgrad.Training;

/// <summary>A finished trial: its settings, its history, and the epoch with the best value of the search metric.</summary>
public sealed record TrialResult(Trial Trial, TrainingHistory History, EpochRecord BestEpoch, double Score);
