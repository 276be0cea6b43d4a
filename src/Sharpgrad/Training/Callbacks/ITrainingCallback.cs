namespace Sharpgrad.Training;

/// <summary>
/// Code the <see cref="Trainer"/> runs at fixed points of its loop, like Keras callbacks. Every method has an empty
/// default, so a callback implements only the moments it cares about. Per mini-batch the order is:
/// <code>
/// OnBatchBegin → forward, loss (+ penalties) → ZeroGrad, Backward → OnBackwardEnd → Trainer.GradientHook
///              → optimizer.Step() → OnBatchEnd → Trainer.StepSchedule
/// </code>
/// and per epoch: OnEpochBegin, the batches, validation, OnEpochEnd (with the epoch's record), Trainer.EpochSchedule,
/// then the checkpoint if one is due. Callbacks run in the order they were given.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch (after a checkpoint has been restored, when resuming).</summary>
    void OnTrainBegin(TrainingContext context) { }

    void OnEpochBegin(TrainingContext context) { }

    /// <summary>Before the forward pass of a mini-batch: input noise, weight noise (GBC §7.5).</summary>
    void OnBatchBegin(TrainingContext context) { }

    /// <summary>Gradients are in the parameters' Grad and the step has not been taken: gradient monitors.</summary>
    void OnBackwardEnd(TrainingContext context) { }

    /// <summary>After the optimiser step: projections such as max-norm (GBC §7.2), parameter averaging, update ratios.</summary>
    void OnBatchEnd(TrainingContext context) { }

    /// <summary>After validation; <paramref name="record"/> is already in the history. Call <see cref="TrainingContext.RequestStop"/> to end the run.</summary>
    void OnEpochEnd(TrainingContext context, EpochRecord record) { }

    /// <summary>After the last epoch, or after a stop was requested.</summary>
    void OnTrainEnd(TrainingContext context) { }
}
