namespace Sharpgrad.Training;

/// <summary>
/// Records the learning rate of every parameter group after each optimiser step, so a schedule (warm-up, decay,
/// reduce-on-plateau) can be checked or plotted against the step count. The per-epoch value is also in every
/// <see cref="EpochRecord.LearningRate"/>.
/// </summary>
public sealed class LearningRateMonitor : ITrainingCallback
{
    private readonly List<(long Step, double[] Rates)> entries = [];

    /// <summary>(step, learning rate of each parameter group) after every step, in order.</summary>
    public IReadOnlyList<(long Step, double[] Rates)> Entries => entries;

    public void OnBatchEnd(TrainingContext context) =>
        entries.Add((context.Step, context.Optimizer.ParamGroups.Select(g => g.Lr).ToArray()));
}
