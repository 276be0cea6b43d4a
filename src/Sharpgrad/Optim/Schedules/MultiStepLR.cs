using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// Decay at chosen epochs (torch.optim.lr_scheduler.MultiStepLR): ε(t) = ε₀·γ^(number of milestones ≤ t).
/// A milestone listed twice decays twice, as in PyTorch.
/// </summary>
public sealed class MultiStepLR : LrScheduler
{
    private readonly int[] milestones;

    /// <param name="milestones">The epochs at which to decay (≥ 1, any order).</param>
    /// <param name="gamma">The decay factor γ.</param>
    public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1) : base("MultiStepLR", optimizer)
    {
        this.milestones = milestones.Order().ToArray();
        if (this.milestones.Length == 0) throw new ArgumentException("MultiStepLR: needs at least one milestone.");
        foreach (var m in this.milestones) RequirePositive(Name, "a milestone", m);
        Gamma = RequireNonNegative(Name, "gamma", gamma);
        Start();
    }

    public IReadOnlyList<int> Milestones => milestones;
    public double Gamma { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) => baseLr * Math.Pow(Gamma, milestones.Count(m => m <= epoch));

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters =>
        milestones.Select((m, i) => ($"milestones.{i.ToString(CultureInfo.InvariantCulture)}", (double)m)).Append(("gamma", Gamma));
}
