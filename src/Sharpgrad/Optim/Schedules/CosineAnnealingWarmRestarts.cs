namespace Sharpgrad.Optim;

/// <summary>
/// Cosine annealing with warm restarts, SGDR (Loshchilov &amp; Hutter, 2017;
/// torch.optim.lr_scheduler.CosineAnnealingWarmRestarts): the rate follows a half-cosine from ε₀ down toward η_min
/// over a period of Tᵢ epochs, then jumps back to ε₀; each period is T_mult times longer than the one before
/// (T₀, T₀·T_mult, T₀·T_mult², ...). With T_cur the epochs since the last restart,
/// ε(t) = η_min + (ε₀ − η_min)·(1 + cos(π·T_cur / Tᵢ)) / 2.
/// </summary>
public sealed class CosineAnnealingWarmRestarts : LrScheduler
{
    /// <param name="t0">T₀, the length of the first period (≥ 1).</param>
    /// <param name="tMult">T_mult, how much longer each period is than the last (a whole number ≥ 1).</param>
    /// <param name="etaMin">η_min, the lowest rate.</param>
    public CosineAnnealingWarmRestarts(Optimizer optimizer, int t0, int tMult = 1, double etaMin = 0)
        : base("CosineAnnealingWarmRestarts", optimizer)
    {
        T0 = RequirePositive(Name, "t0", t0);
        TMult = RequirePositive(Name, "tMult", tMult);
        EtaMin = RequireNonNegative(Name, "etaMin", etaMin);
        Start();
    }

    public int T0 { get; }
    public int TMult { get; }
    public double EtaMin { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr)
    {
        var (tCur, tI) = PositionInPeriod(epoch);
        return EtaMin + (baseLr - EtaMin) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2;
    }

    /// <summary>(T_cur, Tᵢ): the epochs since the last restart and the length of the current period.</summary>
    private (long TCur, long TI) PositionInPeriod(int epoch)
    {
        if (TMult == 1) return (epoch % T0, T0);
        long tCur = epoch, tI = T0;
        while (tCur >= tI)
        {
            tCur -= tI;
            tI *= TMult;
        }
        return (tCur, tI);
    }

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters => [("T_0", T0), ("T_mult", TMult), ("eta_min", EtaMin)];
}
