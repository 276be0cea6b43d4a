namespace Sharpgrad.Optim;

/// <summary>
/// Cosine annealing (Loshchilov &amp; Hutter, 2017; torch.optim.lr_scheduler.CosineAnnealingLR):
/// ε(t) = η_min + (ε₀ − η_min)·(1 + cos(π·t / T_max)) / 2, falling from ε₀ at t = 0 to η_min at t = T_max.
/// Past T_max the cosine continues (the rate rises again), as PyTorch's does; use
/// <see cref="CosineAnnealingWarmRestarts"/> for restarts or stop stepping at T_max.
/// </summary>
public sealed class CosineAnnealingLR : LrScheduler
{
    /// <param name="tMax">T_max, the epochs of one half-cosine (≥ 1).</param>
    /// <param name="etaMin">η_min, the lowest rate.</param>
    public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin = 0) : base("CosineAnnealingLR", optimizer)
    {
        TMax = RequirePositive(Name, "tMax", tMax);
        EtaMin = RequireNonNegative(Name, "etaMin", etaMin);
        Start();
    }

    public int TMax { get; }
    public double EtaMin { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) =>
        EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters => [("T_max", TMax), ("eta_min", EtaMin)];
}
