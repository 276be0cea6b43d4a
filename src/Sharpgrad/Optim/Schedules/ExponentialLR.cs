namespace Sharpgrad.Optim;

/// <summary>Exponential decay (torch.optim.lr_scheduler.ExponentialLR): ε(t) = ε₀·γᵗ.</summary>
public sealed class ExponentialLR : LrScheduler
{
    /// <param name="gamma">The factor γ applied every epoch.</param>
    public ExponentialLR(Optimizer optimizer, double gamma) : base("ExponentialLR", optimizer)
    {
        Gamma = RequireNonNegative(Name, "gamma", gamma);
        Start();
    }

    public double Gamma { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) => baseLr * Math.Pow(Gamma, epoch);

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters => [("gamma", Gamma)];
}
