using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// The shared part of <see cref="ChainedScheduler"/> and <see cref="SequentialLR"/>: schedules made of other
/// schedules on the same optimiser. The composite owns the clock — step only the composite; the parts serve as
/// formulas (their own <see cref="LrScheduler.LastEpoch"/> stays where it was). The parts' hyper-parameters and
/// state are saved in the composite's state dict under "schedulers.{i}.".
/// </summary>
public abstract class ComposedScheduler : LrScheduler
{
    private protected ComposedScheduler(string name, IReadOnlyList<LrScheduler> schedulers) : base(name, CommonOptimizer(name, schedulers))
    {
        Schedulers = schedulers;
    }

    public IReadOnlyList<LrScheduler> Schedulers { get; }

    protected internal override bool UsesMetric => Schedulers.Any(s => s.UsesMetric);

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters =>
        Schedulers.SelectMany((s, i) => s.HyperParameters.Select(h => (Prefix(i) + h.Name, h.Value)));

    protected internal override IEnumerable<(string Name, Tensor Value)> State =>
        Schedulers.SelectMany((s, i) => s.State.Select(e => (Prefix(i) + e.Name, e.Value)));

    protected internal override void LoadState(IReadOnlyDictionary<string, Tensor> saved)
    {
        for (int i = 0; i < Schedulers.Count; i++)
        {
            string prefix = Prefix(i);
            Schedulers[i].LoadState(saved.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
                .ToDictionary(e => e.Key[prefix.Length..], e => e.Value));
        }
    }

    private static string Prefix(int i) => $"schedulers.{i.ToString(CultureInfo.InvariantCulture)}.";

    private static Optimizer CommonOptimizer(string name, IReadOnlyList<LrScheduler> schedulers)
    {
        if (schedulers.Count == 0) throw new ArgumentException($"{name}: needs at least one schedule.");
        var optimizer = schedulers[0].Optimizer;
        for (int i = 1; i < schedulers.Count; i++)
            if (!ReferenceEquals(schedulers[i].Optimizer, optimizer))
                throw new ArgumentException($"{name}: every schedule must drive the same optimizer, but schedule {i} ({schedulers[i].Name}) " +
                                            $"drives another {schedulers[i].Optimizer.Name} than schedule 0 ({schedulers[0].Name}).");
        if (schedulers.Distinct(ReferenceEqualityComparer.Instance).Count() != schedulers.Count)
            throw new ArgumentException($"{name}: the same schedule appears twice.");
        return optimizer;
    }
}
