using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// Runs schedules one after another (torch.optim.lr_scheduler.SequentialLR): schedule i is in charge from
/// milestone i−1 (epoch 0 for the first) until milestone i, and its clock starts at 0 when it takes over, so it
/// begins from ε₀ again. The usual use is a warm-up followed by a decay:
/// <code>
/// new SequentialLR([new LinearWarmup(opt, 5), new CosineAnnealingLR(opt, tMax: 95)], milestones: [5])
/// </code>
/// (PyTorch restarts the incoming schedule the same way, with step(0); the values printed in its docstring
/// example for the milestone epoch do not follow that rule.)
/// </summary>
public sealed class SequentialLR : ComposedScheduler
{
    private readonly int[] milestones;

    /// <param name="milestones">The epochs at which the next schedule takes over: one fewer than the schedules,
    /// increasing, each ≥ 1.</param>
    public SequentialLR(IReadOnlyList<LrScheduler> schedulers, IReadOnlyList<int> milestones) : base("SequentialLR", schedulers.ToArray())
    {
        this.milestones = milestones.ToArray();
        if (this.milestones.Length != schedulers.Count - 1)
            throw new ArgumentException($"SequentialLR: expected {schedulers.Count - 1} milestone(s) for {schedulers.Count} schedules, got {this.milestones.Length}.");
        for (int i = 0; i < this.milestones.Length; i++)
            if (this.milestones[i] < 1 || (i > 0 && this.milestones[i] <= this.milestones[i - 1]))
                throw new ArgumentException($"SequentialLR: milestones must be increasing and ≥ 1, got [{string.Join(", ", this.milestones)}].");
        Start();
    }

    public IReadOnlyList<int> Milestones => milestones;

    /// <summary>The schedule in charge at an epoch and that schedule's own clock.</summary>
    private (LrScheduler Schedule, int LocalEpoch) Active(int epoch)
    {
        int index = milestones.Count(m => m <= epoch);
        return (Schedulers[index], index == 0 ? epoch : epoch - milestones[index - 1]);
    }

    protected internal override double LrAt(int epoch, int group, double baseLr)
    {
        var (schedule, local) = Active(epoch);
        return schedule.LrAt(local, group, baseLr);
    }

    protected internal override void Observe(double metric)
    {
        var (schedule, _) = Active(LastEpoch);
        if (schedule.UsesMetric) schedule.Observe(metric);
    }

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters =>
        milestones.Select((m, i) => ($"milestones.{i.ToString(CultureInfo.InvariantCulture)}", (double)m)).Concat(base.HyperParameters);
}
