using Sharpgrad.Optim;

namespace Sharpgrad.Training;

/// <summary>
/// Steps a learning-rate schedule from the training loop: after every optimiser step (warm-up, one-cycle) or
/// after every epoch (step, cosine, exponential, the book's linear decay). A plateau schedule is fed the epoch's
/// validation loss, or the training loss when there is no validation set. Its clock is saved in checkpoints, so a
/// resumed run continues on the same schedule.
/// </summary>
public sealed class LrSchedulerCallback(LrScheduler scheduler, bool perStep = false) : ITrainingCallback, ICheckpointable
{
    public LrScheduler Scheduler { get; } = scheduler;

    public string CheckpointKey => "lr_scheduler";

    public void OnBatchEnd(TrainingContext context)
    {
        if (perStep) Scheduler.Step();
    }

    public void OnEpochEnd(TrainingContext context, EpochRecord record)
    {
        if (perStep) return;
        if (Scheduler is ReduceLROnPlateau) Scheduler.Step(double.IsNaN(record.ValidationLoss) ? record.TrainLoss : record.ValidationLoss);
        else Scheduler.Step();
    }

    public Dictionary<string, Tensor> StateDict() => Scheduler.StateDict();

    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state) => Scheduler.LoadStateDict(state);
}
