using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Training;

/// <summary>
/// Early stopping, GBC Alg. 7.1: after every epoch (the book's n steps) the monitored validation metric is compared
/// with the best so far. An improvement stores a copy θ* of the parameters, the epoch and the step count i*, and
/// resets the patience counter j; otherwise j grows, and the run stops when j reaches the patience p. At the end of
/// training the best parameters are put back, so the model returned is θ*, not the last one.
/// <see cref="RetrainOnAllData"/> is the book's Alg. 7.2, which uses i* to retrain on all the data.
/// </summary>
public sealed class EarlyStopping : ITrainingCallback, ICheckpointable
{
    private Dictionary<string, Tensor>? bestWeights;
    private int wait;

    /// <param name="patience">p: how many epochs without improvement to tolerate before stopping (≥ 1).</param>
    /// <param name="monitor">the metric to watch; default <see cref="TrainingMetric.ValidationLoss"/></param>
    /// <param name="minDelta">an improvement must beat the best by more than this</param>
    /// <param name="restoreBestWeights">put θ* back into the model when training ends (Alg. 7.1 returns θ*)</param>
    public EarlyStopping(int patience, TrainingMetric? monitor = null, double minDelta = 0, bool restoreBestWeights = true)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), $"EarlyStopping: patience must be at least 1, got {patience}.");
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), $"EarlyStopping: minDelta must be ≥ 0, got {minDelta}.");
        Patience = patience;
        Monitor = monitor ?? TrainingMetric.ValidationLoss;
        MinDelta = minDelta;
        RestoreBestWeights = restoreBestWeights;
        BestValue = Monitor.Worst;
    }

    public int Patience { get; }

    public TrainingMetric Monitor { get; }

    public double MinDelta { get; }

    public bool RestoreBestWeights { get; }

    /// <summary>The best value of the monitored metric seen so far.</summary>
    public double BestValue { get; private set; }

    /// <summary>The epoch that reached <see cref="BestValue"/> (0 before the first epoch).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>i*: the number of optimiser steps taken when the best value was reached (GBC Alg. 7.1).</summary>
    public long BestStep { get; private set; }

    /// <summary>The epoch after which the run was stopped, or 0 if it was not.</summary>
    public int StoppedEpoch { get; private set; }

    public string CheckpointKey => "early_stopping";

    public void OnTrainBegin(TrainingContext context)
    {
        if (context.Validation is null && Monitor.Name.StartsWith("validation", StringComparison.Ordinal))
            throw new InvalidOperationException($"EarlyStopping: monitoring {Monitor.Name} needs a validation set; pass one to Fit.");
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        // NaN (a diverged run) compares false, so it counts as no improvement, as in Keras.
        double value = Monitor.Read(record);
        if (Monitor.Improves(value, BestValue, MinDelta))
        {
            BestValue = value;
            BestEpoch = record.Epoch;
            BestStep = record.Step;
            // StateDict shares storage with the model, so keep copies.
            bestWeights = context.Model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.Clone());
            wait = 0;
            return;
        }
        wait++;
        if (wait >= Patience)
        {
            StoppedEpoch = record.Epoch;
            context.RequestStop($"EarlyStopping: {Monitor.Name} has not improved for {Patience} epoch(s); the best was {BestValue} at epoch {BestEpoch} (step {BestStep}).");
        }
    }

    public void OnTrainEnd(TrainingContext context)
    {
        if (RestoreBestWeights && bestWeights is not null) context.Model.LoadStateDict(bestWeights);
    }

    public Dictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>
        {
            ["best_value"] = Tensor.Scalar(BestValue, DType.Float64),
            ["best_epoch"] = Tensor.Scalar(BestEpoch, DType.Int64),
            ["best_step"] = Tensor.Scalar(BestStep, DType.Int64),
            ["wait"] = Tensor.Scalar(wait, DType.Int64),
            ["stopped_epoch"] = Tensor.Scalar(StoppedEpoch, DType.Int64),
        };
        foreach (var (name, tensor) in bestWeights ?? []) state["best." + name] = tensor;
        return state;
    }

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state)
    {
        double Read(string key) => state.TryGetValue(key, out var t) && t.Count == 1
            ? t.Item()
            : throw new InvalidDataException($"EarlyStopping.LoadStateDict: missing or malformed entry '{key}'.");
        BestValue = Read("best_value");
        BestEpoch = (int)Read("best_epoch");
        BestStep = (long)Read("best_step");
        wait = (int)Read("wait");
        StoppedEpoch = (int)Read("stopped_epoch");
        var best = state.Where(kv => kv.Key.StartsWith("best.", StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key["best.".Length..], kv => kv.Value);
        bestWeights = best.Count > 0 ? best : null;
    }

    /// <summary>
    /// GBC Alg. 7.2: after early stopping on (train, validation) found i* = <paramref name="steps"/>, train a freshly
    /// initialised <paramref name="model"/> on train ∪ validation for exactly i* steps. (The book's alternative,
    /// Alg. 7.3, keeps the parameters and continues until the validation loss falls below the training objective.)
    /// </summary>
    public static TrainingHistory RetrainOnAllData(Trainer trainer, Module<Tensor, Tensor> model, Func<Tensor, Tensor, Tensor> lossFunction,
        Optimizer optimizer, Dataset train, Dataset validation, long steps, int batchSize, long seed = 0,
        IEnumerable<ITrainingCallback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"EarlyStopping.RetrainOnAllData: steps (i*) must be at least 1, got {steps}.");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), $"EarlyStopping.RetrainOnAllData: batchSize must be at least 1, got {batchSize}.");
        var all = new ConcatenatedDataset(train, validation);
        long batchesPerEpoch = (all.Count + batchSize - 1) / batchSize;
        int epochs = checked((int)((steps + batchesPerEpoch - 1) / batchesPerEpoch));
        return trainer.Fit(model, lossFunction, optimizer, all, validation: null, epochs, batchSize, callbacks, seed, maxSteps: steps);
    }
}
