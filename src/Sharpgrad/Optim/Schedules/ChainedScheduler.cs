namespace Sharpgrad.Optim;

/// <summary>
/// Applies several schedules at once (torch.optim.lr_scheduler.ChainedScheduler): each one's output is the next
/// one's ε₀, ε(t) = εₙ(t, …ε₂(t, ε₁(t, ε₀))). For multiplicative schedules (step, exponential, linear and constant
/// factors) that is the product of their factors, which is what PyTorch's chain gives; e.g. a warm-up chained
/// with an exponential decay. A metric passed to <see cref="LrScheduler.Step(double)"/> goes to the parts that use one.
/// </summary>
public sealed class ChainedScheduler : ComposedScheduler
{
    public ChainedScheduler(params IReadOnlyList<LrScheduler> schedulers) : base("ChainedScheduler", schedulers.ToArray())
    {
        Start();
    }

    protected internal override double LrAt(int epoch, int group, double baseLr) =>
        Schedulers.Aggregate(baseLr, (lr, schedule) => schedule.LrAt(epoch, group, lr));

    protected internal override void Observe(double metric)
    {
        foreach (var schedule in Schedulers.Where(s => s.UsesMetric)) schedule.Observe(metric);
    }
}
