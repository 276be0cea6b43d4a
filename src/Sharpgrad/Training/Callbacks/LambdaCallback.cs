namespace Sharpgrad.Training;

/// <summary>
/// A callback made of delegates, for one-off needs such as stepping a learning-rate scheduler, updating an average
/// of the parameters, or printing: <c>new LambdaCallback { EpochEnd = (c, r) => Console.WriteLine(r) }</c>.
/// </summary>
public sealed class LambdaCallback : ITrainingCallback
{
    public Action<TrainingContext>? TrainBegin { get; init; }
    public Action<TrainingContext>? EpochBegin { get; init; }
    public Action<TrainingContext>? BatchBegin { get; init; }
    public Action<TrainingContext>? BackwardEnd { get; init; }
    public Action<TrainingContext>? BatchEnd { get; init; }
    public Action<TrainingContext, EpochRecord>? EpochEnd { get; init; }
    public Action<TrainingContext>? TrainEnd { get; init; }

    public void OnTrainBegin(TrainingContext context) => TrainBegin?.Invoke(context);
    public void OnEpochBegin(TrainingContext context) => EpochBegin?.Invoke(context);
    public void OnBatchBegin(TrainingContext context) => BatchBegin?.Invoke(context);
    public void OnBackwardEnd(TrainingContext context) => BackwardEnd?.Invoke(context);
    public void OnBatchEnd(TrainingContext context) => BatchEnd?.Invoke(context);
    public void OnEpochEnd(TrainingContext context, EpochRecord record) => EpochEnd?.Invoke(context, record);
    public void OnTrainEnd(TrainingContext context) => TrainEnd?.Invoke(context);
}
