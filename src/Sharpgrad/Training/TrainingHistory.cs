namespace Sharpgrad.Training;

/// <summary>The per-epoch records of a run, in order, and whether a callback stopped it before its last epoch.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> epochs = [];

    public IReadOnlyList<EpochRecord> Epochs => epochs;

    /// <summary>True when a callback (e.g. <see cref="EarlyStopping"/>) stopped the run before the planned number of epochs.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The optimiser steps taken by the run (including those before a resume).</summary>
    public long Steps => epochs.Count == 0 ? 0 : epochs[^1].Step;

    /// <summary>The last epoch's record.</summary>
    public EpochRecord Last => epochs.Count > 0 ? epochs[^1] : throw new InvalidOperationException("TrainingHistory: no epoch has been recorded.");

    /// <summary>
    /// The epoch with the best value of <paramref name="metric"/> (the first one on ties). Epochs where the value is
    /// NaN (not measured, or the run diverged) never win; when every epoch is NaN, the last epoch is returned, so a
    /// diverged trial of a search still has a row (ranked last).
    /// </summary>
    public EpochRecord Best(TrainingMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (epochs.Count == 0) throw new InvalidOperationException("TrainingHistory.Best: no epoch has been recorded.");
        EpochRecord? best = null;
        double bestValue = metric.Worst;
        foreach (var record in epochs)
        {
            double value = metric.Read(record);
            if (!double.IsNaN(value) && (best is null || metric.Improves(value, bestValue))) (best, bestValue) = (record, value);
        }
        return best ?? epochs[^1];
    }

    internal void Add(EpochRecord record) => epochs.Add(record);

    internal void Clear() => epochs.Clear();
}
