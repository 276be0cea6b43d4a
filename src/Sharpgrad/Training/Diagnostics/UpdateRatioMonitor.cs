namespace Sharpgrad.Training;

/// <summary>
/// Records ‖Δθ‖/‖θ‖, the size of each optimiser step relative to the parameter it changes, per parameter, every
/// <see cref="Every"/> steps. GBC §11.5 suggests updates of about 1% of the parameter's magnitude per mini-batch —
/// "not 50% or 0.001%"; the CS231n rule of thumb is ≈ 1e-3. Much smaller ratios mean the learning rate is too low
/// for that layer, much larger ones that it is too high.
/// </summary>
public sealed class UpdateRatioMonitor : ITrainingCallback
{
    private readonly List<(long Step, IReadOnlyList<(string Name, double Ratio)> Ratios)> records = [];
    private List<(string Name, Tensor Parameter, Tensor Before)>? snapshot;

    public UpdateRatioMonitor(int every = 1)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), $"UpdateRatioMonitor: every must be at least 1, got {every}.");
        Every = every;
    }

    public int Every { get; }

    /// <summary>(step, 1-based; per-parameter ratio ‖Δθ‖/‖θ before the step‖), in order.</summary>
    public IReadOnlyList<(long Step, IReadOnlyList<(string Name, double Ratio)> Ratios)> Records => records;

    public void OnBackwardEnd(TrainingContext context)
    {
        if ((context.Step + 1) % Every != 0) return;
        using var _ = Autograd.NoGrad();
        snapshot = context.Model.NamedParameters().Select(p => (p.Name, p.Parameter, p.Parameter.Clone())).ToList();
    }

    public void OnBatchEnd(TrainingContext context)
    {
        if (snapshot is null) return;
        using var _ = Autograd.NoGrad();
        var ratios = snapshot
            .Select(s => (s.Name, (s.Parameter - s.Before).Norm().Item() / s.Before.Norm().Item()))
            .ToList();
        records.Add((context.Step, ratios));
        snapshot = null;
    }
}
