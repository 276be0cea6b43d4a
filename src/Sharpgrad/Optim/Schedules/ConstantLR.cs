namespace Sharpgrad.Optim;

/// <summary>
/// A constant factor for the first epochs (torch.optim.lr_scheduler.ConstantLR): ε(t) = factor·ε₀ for
/// t &lt; total_iters, then ε₀ — a crude warm-up, and the building block of PyTorch's composition examples.
/// </summary>
public sealed class ConstantLR : LrScheduler
{
    /// <param name="factor">The factor while t &lt; totalIters, in [0, 1].</param>
    /// <param name="totalIters">How many epochs the factor applies (≥ 1).</param>
    public ConstantLR(Optimizer optimizer, double factor = 1.0 / 3, int totalIters = 5) : base("ConstantLR", optimizer)
    {
        Factor = RequireInRange(Name, "factor", factor, 0, 1);
        TotalIters = RequirePositive(Name, "totalIters", totalIters);
        Start();
    }

    public double Factor { get; }
    public int TotalIters { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) => epoch < TotalIters ? baseLr * Factor : baseLr;

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters => [("factor", Factor), ("total_iters", TotalIters)];
}
