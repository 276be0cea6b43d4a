using Sharpgrad.NN;
using Sharpgrad.Optim;
using Sharpgrad.Training;

namespace Sharpgrad.Tests.Training;

/// <summary>Early stopping, GBC Alg. 7.1 and 7.2.</summary>
public class EarlyStoppingTests
{
    /// <summary>
    /// A scripted validation curve: the metric improves until epoch 3 (value 3), then fails to beat 3 for three epochs.
    /// With patience 3 the run must stop after epoch 6, report i* = the steps after epoch 3, and end with exactly the
    /// weights it had after epoch 3.
    /// </summary>
    [Fact]
    public void StopsAfterPatienceAndRestoresTheBestWeights()
    {
        double[] curve = [5, 4, 3, 3.5, 3.01, 3.2, 1, 1, 1, 1];
        var scripted = new TrainingMetric("scripted_validation", r => curve[r.Epoch - 1], HigherIsBetter: false);
        var model = SmallProblems.Mlp(seed: 3);
        var snapshots = new Dictionary<int, Dictionary<string, int[]>>();
        var recorder = new LambdaCallback { EpochEnd = (c, r) => snapshots[r.Epoch] = SmallProblems.Bits(c.Model) };
        var stopping = new EarlyStopping(patience: 3, monitor: scripted);

        var history = new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1),
            SmallProblems.Blobs(40, seed: 1), epochs: 10, batchSize: 10, callbacks: [recorder, stopping]);

        Assert.True(history.StoppedEarly);
        Assert.Equal(6, history.Epochs.Count);
        Assert.Equal(6, stopping.StoppedEpoch);
        Assert.Equal(3, stopping.BestEpoch);
        Assert.Equal(3.0, stopping.BestValue);
        Assert.Equal(12, stopping.BestStep); // i*: 4 steps per epoch × 3 epochs
        Assert.Equal(snapshots[3], SmallProblems.Bits(model));
        Assert.NotEqual(snapshots[6]["0.weight"], snapshots[3]["0.weight"]); // training did move on after epoch 3
    }

    [Fact]
    public void MinDeltaIgnoresTinyImprovementsAndAccuracyIsMaximised()
    {
        double[] accuracy = [0.5, 0.7, 0.705, 0.702, 0.9];
        var scripted = new TrainingMetric("scripted_accuracy", r => accuracy[r.Epoch - 1], HigherIsBetter: true);
        var model = SmallProblems.Mlp(seed: 3);
        var stopping = new EarlyStopping(patience: 2, monitor: scripted, minDelta: 0.01, restoreBestWeights: false);

        var history = new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1),
            SmallProblems.Blobs(20, seed: 1), epochs: 5, batchSize: 10, callbacks: [stopping]);

        // 0.705 and 0.702 do not beat 0.7 by more than 0.01, so the run stops after epoch 4.
        Assert.Equal(4, history.Epochs.Count);
        Assert.Equal(2, stopping.BestEpoch);
    }

    [Fact]
    public void ANaNValueCountsAsNoImprovement()
    {
        double[] curve = [3, double.NaN, double.NaN, 1];
        var scripted = new TrainingMetric("scripted", r => curve[r.Epoch - 1], HigherIsBetter: false);
        var model = SmallProblems.Mlp(seed: 3);
        var stopping = new EarlyStopping(patience: 2, monitor: scripted);
        var history = new Trainer().Fit(model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1),
            SmallProblems.Blobs(20, seed: 1), epochs: 4, batchSize: 10, callbacks: [stopping]);

        Assert.Equal(3, history.Epochs.Count);
        Assert.Equal(1, stopping.BestEpoch);
    }

    [Fact]
    public void MonitoringValidationLossWithoutAValidationSetIsAnError()
    {
        var model = SmallProblems.Mlp(seed: 3);
        var error = Assert.Throws<InvalidOperationException>(() => new Trainer().Fit(model, SmallProblems.CrossEntropy,
            new SGD(model.Parameters(), lr: 0.1), SmallProblems.Blobs(20, seed: 1), callbacks: [new EarlyStopping(patience: 2)]));
        Assert.Contains("validation set", error.Message);
    }

    [Fact]
    public void WithARealValidationSetTheReportedBestIsTheHistoryMinimum()
    {
        var model = SmallProblems.Mlp(seed: 3);
        var stopping = new EarlyStopping(patience: 2);
        var history = new Trainer().Fit(model, SmallProblems.CrossEntropy, new Adam(model.Parameters(), lr: 0.05),
            SmallProblems.Blobs(40, seed: 1), SmallProblems.Blobs(40, seed: 2), epochs: 15, batchSize: 8, callbacks: [stopping]);

        var best = history.Best(TrainingMetric.ValidationLoss);
        Assert.Equal(best.Epoch, stopping.BestEpoch);
        Assert.Equal(best.Step, stopping.BestStep);
        Assert.Equal(best.ValidationLoss, Trainer.Evaluate(model, SmallProblems.CrossEntropy, SmallProblems.Blobs(40, seed: 2)).Loss, 12);
    }

    /// <summary>GBC Alg. 7.2: retrain a fresh model on train ∪ validation for exactly i* steps.</summary>
    [Fact]
    public void RetrainOnAllDataTakesExactlyTheBestNumberOfSteps()
    {
        var train = SmallProblems.Blobs(30, seed: 1);
        var validation = SmallProblems.Blobs(10, seed: 2);
        var model = SmallProblems.Mlp(seed: 5);
        var seen = 0;
        var counter = new LambdaCallback { BatchBegin = c => seen += c.BatchInput!.Size(0) };

        // 40 examples in batches of 8: 5 steps per epoch, so i* = 7 means one full epoch and 2 steps of the next.
        var history = EarlyStopping.RetrainOnAllData(new Trainer(), model, SmallProblems.CrossEntropy, new SGD(model.Parameters(), lr: 0.1),
            train, validation, steps: 7, batchSize: 8, callbacks: [counter]);

        Assert.Equal(7, history.Steps);
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal(7 * 8, seen);
    }
}
