namespace Sharpgrad.Training;

/// <summary>
/// Runs a list of trials (from <see cref="GridSearch"/> or <see cref="RandomSearch"/>), each one a full training run,
/// and ranks them by a validation metric (GBC §11.4: choose hyper-parameters on the validation set, never the test
/// set, whose error would then be optimistically biased).
/// </summary>
public static class HyperparameterSearch
{
    /// <param name="trials">the settings to try</param>
    /// <param name="fit">trains a model with a trial's settings and returns its history (usually one <see cref="Trainer.Fit(NN.Module, Func{Tensor, Tensor, Tensor}, Optim.Optimizer, Data.Dataset, Data.Dataset?, int, int, IEnumerable{ITrainingCallback}?, long, string?, long?)"/>)</param>
    /// <param name="metric">the ranking metric; each trial is scored by its best epoch</param>
    /// <param name="onTrialEnd">called after every trial, e.g. to print progress</param>
    public static SearchResults Run(IEnumerable<Trial> trials, Func<Trial, TrainingHistory> fit, TrainingMetric metric,
        Action<TrialResult>? onTrialEnd = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(metric);
        var results = new List<TrialResult>();
        foreach (var trial in trials)
        {
            var history = fit(trial);
            var best = history.Best(metric);
            var result = new TrialResult(trial, history, best, metric.Read(best));
            results.Add(result);
            onTrialEnd?.Invoke(result);
        }
        if (results.Count == 0) throw new ArgumentException("HyperparameterSearch.Run: no trials to run.", nameof(trials));
        return new SearchResults(metric, results);
    }
}
