namespace Sharpgrad.Optim;

/// <summary>
/// A linear ramp of the rate's factor (torch.optim.lr_scheduler.LinearLR): from start_factor·ε₀ at t = 0 to
/// end_factor·ε₀ at t = total_iters, constant afterwards:
/// ε(t) = ε₀·(s + (e − s)·min(t, T) / T).
/// It serves both a warm-up (<see cref="LinearWarmup"/>: s &lt; 1, e = 1) and the book's linear decay
/// (<see cref="LinearDecay"/>: s = 1, e = ε_τ/ε₀).
/// </summary>
public class LinearLR : LrScheduler
{
    /// <param name="startFactor">s, the factor at t = 0, in (0, 1].</param>
    /// <param name="endFactor">e, the factor from t = totalIters on, in [0, 1].</param>
    /// <param name="totalIters">T, the epochs of the ramp (≥ 1).</param>
    public LinearLR(Optimizer optimizer, double startFactor = 1.0 / 3, double endFactor = 1, int totalIters = 5)
        : this("LinearLR", optimizer, startFactor, endFactor, totalIters)
    {
    }

    protected LinearLR(string name, Optimizer optimizer, double startFactor, double endFactor, int totalIters) : base(name, optimizer)
    {
        StartFactor = RequireInRange(name, "startFactor", startFactor, 0, 1, includeLow: false);
        EndFactor = RequireInRange(name, "endFactor", endFactor, 0, 1);
        TotalIters = RequirePositive(name, "totalIters", totalIters);
        Start();
    }

    public double StartFactor { get; }
    public double EndFactor { get; }
    public int TotalIters { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) =>
        baseLr * (StartFactor + (EndFactor - StartFactor) * Math.Min(epoch, TotalIters) / TotalIters);

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters =>
        [("start_factor", StartFactor), ("end_factor", EndFactor), ("total_iters", TotalIters)];
}
