namespace Sharpgrad.Training;

/// <summary>
/// Records every parameter's gradient norm (see <see cref="GradientStatistics.Norms"/>) just after Backward, before
/// any clipping, every <see cref="Every"/> steps.
/// </summary>
public sealed class GradientNormMonitor : ITrainingCallback
{
    private readonly List<(long Step, IReadOnlyList<(string Name, double Norm)> Norms)> records = [];

    public GradientNormMonitor(int every = 1)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), $"GradientNormMonitor: every must be at least 1, got {every}.");
        Every = every;
    }

    public int Every { get; }

    /// <summary>(step about to be taken, 1-based; per-parameter norms), in order.</summary>
    public IReadOnlyList<(long Step, IReadOnlyList<(string Name, double Norm)> Norms)> Records => records;

    public void OnBackwardEnd(TrainingContext context)
    {
        long step = context.Step + 1;
        if (step % Every == 0) records.Add((step, GradientStatistics.Norms(context.Model)));
    }
}
