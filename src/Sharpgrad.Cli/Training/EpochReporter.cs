using Sharpgrad.Data;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The bridge from the <see cref="Trainer"/> to the command line's per-epoch display: after every epoch it evaluates
/// the held-out test split (which is only ever observed, never used to decide anything), turns the epoch into an
/// <see cref="EpochMetrics"/>, rewrites <c>metrics.csv</c> and reports the row. Its rows are saved in checkpoints,
/// so a resumed run shows and writes every epoch, including those before the interruption. A null metrics path writes
/// no file (the ranks other than 0 of a distributed run).
/// </summary>
public sealed class EpochReporter(Dataset test, Func<Tensor, Tensor, Tensor> loss, string? metricsPath, Action<EpochMetrics> report)
    : ITrainingCallback, ICheckpointable
{
    private readonly List<EpochMetrics> history = [];
    private double[] restoredTestMetrics = [];

    /// <summary>Every epoch's metrics so far, in order.</summary>
    public IReadOnlyList<EpochMetrics> History => history;

    public string CheckpointKey => "cli_test_metrics";

    public void OnTrainBegin(TrainingContext context)
    {
        // After a resume: replay the restored epochs, pairing the trainer's records with the saved test metrics.
        history.Clear();
        var restored = context.History.Epochs;
        if (restoredTestMetrics.Length != 2 * restored.Count)
            throw new InvalidDataException(
                $"EpochReporter: the checkpoint holds test metrics for {restoredTestMetrics.Length / 2} epoch(s) but the run has {restored.Count}.");
        for (int i = 0; i < restored.Count; i++)
            Add(restored[i], restoredTestMetrics[2 * i], restoredTestMetrics[2 * i + 1]);
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        var (testLoss, testAccuracy) = Trainer.Evaluate(context.Model, loss, test);
        Add(record, testLoss, testAccuracy);
        if (metricsPath is not null) MetricsCsv.Write(metricsPath, history);
    }

    private void Add(EpochRecord record, double testLoss, double testAccuracy)
    {
        var metrics = new EpochMetrics(record.Epoch, record.TrainLoss, record.TrainAccuracy, testLoss, testAccuracy);
        history.Add(metrics);
        report(metrics);
    }

    public Dictionary<string, Tensor> StateDict() => new()
    {
        ["test"] = Tensor.FromArray(history.SelectMany(m => new[] { m.TestLoss, m.TestAccuracy }).ToArray(), history.Count, 2),
    };

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        if (!state.TryGetValue("test", out var test) || test.Rank != 2 || test.Size(1) != 2)
            throw new InvalidDataException("EpochReporter.LoadStateDict: expected 'test', a float64 tensor [epochs, 2] of test loss and accuracy.");
        restoredTestMetrics = test.ToDoubleArray();
    }
}
