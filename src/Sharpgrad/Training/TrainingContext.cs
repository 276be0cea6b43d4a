using Sharpgrad.Data;
using Sharpgrad.NN;
using Sharpgrad.Optim;

namespace Sharpgrad.Training;

/// <summary>
/// The state of a run that the <see cref="Trainer"/> shares with its callbacks: what is being trained, where the
/// loop is (epoch, step), the history so far, the run's random generator, and a way to stop.
/// </summary>
public sealed class TrainingContext
{
    internal TrainingContext(Module<Tensor, Tensor> model, Optimizer optimizer, ITrainingObjective objective, Dataset train, Dataset? validation,
        int epochs, int batchSize, Generator generator)
    {
        Model = model;
        Optimizer = optimizer;
        Objective = objective;
        Train = train;
        Validation = validation;
        Epochs = epochs;
        BatchSize = batchSize;
        Generator = generator;
        Parameters = optimizer.ParamGroups.SelectMany(g => g.Params).ToArray();
    }

    public Module<Tensor, Tensor> Model { get; }

    public Optimizer Optimizer { get; }

    /// <summary>The tensors the optimiser updates, across all its parameter groups.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    public ITrainingObjective Objective { get; }

    public Dataset Train { get; }

    public Dataset? Validation { get; }

    /// <summary>The number of epochs the run is planned to last.</summary>
    public int Epochs { get; }

    public int BatchSize { get; }

    /// <summary>The current epoch, 1-based (0 before the first one starts).</summary>
    public int Epoch { get; internal set; }

    /// <summary>Optimiser steps taken so far in the run, counting those before a resume.</summary>
    public long Step { get; internal set; }

    /// <summary>
    /// The run's random generator, seeded by Fit's seed: it shuffles the data, and callbacks that need randomness
    /// (weight noise) draw from it. Its state is saved in checkpoints, so a resumed run draws the same numbers.
    /// </summary>
    public Generator Generator { get; }

    public TrainingHistory History { get; } = new();

    /// <summary>The current mini-batch's inputs and targets (set from OnBatchBegin to OnBatchEnd).</summary>
    public Tensor? BatchInput { get; internal set; }

    public Tensor? BatchTarget { get; internal set; }

    /// <summary>The current mini-batch's total loss, penalties included (set from OnBackwardEnd on).</summary>
    public Tensor? Loss { get; internal set; }

    /// <summary>True once a callback asked the run to end after the current epoch.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Why the run was stopped, for logs.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Ends the run after the current epoch (the epoch's callbacks and checkpoint still run).</summary>
    public void RequestStop(string reason)
    {
        StopRequested = true;
        StopReason = reason;
    }

    internal void RestoreStop(bool stopped, string? reason)
    {
        StopRequested = stopped;
        StopReason = reason;
    }
}
