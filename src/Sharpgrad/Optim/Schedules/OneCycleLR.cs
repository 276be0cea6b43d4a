namespace Sharpgrad.Optim;

/// <summary>How <see cref="OneCycleLR"/> moves between its phase end points.</summary>
public enum AnnealStrategy
{
    /// <summary>Half a cosine: end + (start − end)·(1 + cos(π·pct))/2.</summary>
    Cos,

    /// <summary>A straight line: start + (end − start)·pct.</summary>
    Linear,
}

/// <summary>
/// The 1cycle policy (Smith &amp; Topin, 2018; torch.optim.lr_scheduler.OneCycleLR), stepped after every batch for
/// totalSteps batches. The rate warms up from max_lr/div_factor to max_lr over the first pct_start of the steps,
/// then anneals to max_lr/(div_factor·final_div_factor); momentum (SGD's "momentum" or Adam's "beta1") moves
/// the opposite way, between max_momentum and base_momentum. With three_phase the rate first comes back down to
/// its initial value symmetrically and only then anneals. Phase k ends at step (its fraction)·totalSteps − 1,
/// and within a phase pct is the fraction of it done, as in PyTorch.
/// <para>
/// Unlike the other schedules it ignores the groups' ε₀: the rates come from max_lr. Momentum is cycled when the
/// schedule is stepped directly (not from inside <see cref="ChainedScheduler"/>/<see cref="SequentialLR"/>).
/// </para>
/// </summary>
public sealed class OneCycleLR : LrScheduler
{
    private readonly (double EndStep, double StartLr, double EndLr, double StartMomentum, double EndMomentum)[] phases;
    private readonly string? momentumOption;

    /// <param name="maxLr">The peak rate.</param>
    /// <param name="totalSteps">How many steps the cycle lasts (epochs × batches per epoch).</param>
    /// <param name="pctStart">The fraction of the cycle spent warming up, in [0, 1].</param>
    /// <param name="annealStrategy">Cosine or linear moves between the end points.</param>
    /// <param name="cycleMomentum">Cycle momentum inversely to the rate (needs a "momentum" or "beta1" option).</param>
    /// <param name="baseMomentum">The momentum at the peak rate.</param>
    /// <param name="maxMomentum">The momentum at the lowest rates.</param>
    /// <param name="divFactor">The initial rate is max_lr/div_factor.</param>
    /// <param name="finalDivFactor">The final rate is the initial rate/final_div_factor.</param>
    /// <param name="threePhase">Come back down to the initial rate before annealing.</param>
    public OneCycleLR(Optimizer optimizer, double maxLr, int totalSteps, double pctStart = 0.3, AnnealStrategy annealStrategy = AnnealStrategy.Cos,
        bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95, double divFactor = 25, double finalDivFactor = 1e4,
        bool threePhase = false) : base("OneCycleLR", optimizer)
    {
        MaxLr = RequireNonNegative(Name, "maxLr", maxLr);
        TotalSteps = RequirePositive(Name, "totalSteps", totalSteps);
        PctStart = RequireInRange(Name, "pctStart", pctStart, 0, 1);
        if (!Enum.IsDefined(annealStrategy)) throw new ArgumentException($"OneCycleLR: unknown annealStrategy {annealStrategy}.");
        AnnealStrategy = annealStrategy;
        CycleMomentum = cycleMomentum;
        BaseMomentum = baseMomentum;
        MaxMomentum = maxMomentum;
        DivFactor = divFactor > 0 ? divFactor : throw new ArgumentException($"OneCycleLR: divFactor must be positive, got {divFactor}.");
        FinalDivFactor = finalDivFactor > 0 ? finalDivFactor : throw new ArgumentException($"OneCycleLR: finalDivFactor must be positive, got {finalDivFactor}.");
        ThreePhase = threePhase;

        if (cycleMomentum)
        {
            var options = optimizer.ParamGroups[0].Options;
            momentumOption = options.ContainsKey("beta1") ? "beta1" : options.ContainsKey("momentum") ? "momentum"
                : throw new ArgumentException($"OneCycleLR: cycleMomentum needs an optimizer with a 'momentum' or 'beta1' option, and {optimizer.Name} " +
                                              "has neither; pass cycleMomentum: false.");
        }

        double initialLr = maxLr / divFactor, minLr = initialLr / finalDivFactor, warmupEnd = pctStart * totalSteps - 1;
        phases = threePhase
            ?
            [
                (warmupEnd, initialLr, maxLr, maxMomentum, baseMomentum),
                (2 * pctStart * totalSteps - 2, maxLr, initialLr, baseMomentum, maxMomentum),
                (totalSteps - 1, initialLr, minLr, maxMomentum, maxMomentum),
            ]
            :
            [
                (warmupEnd, initialLr, maxLr, maxMomentum, baseMomentum),
                (totalSteps - 1, maxLr, minLr, baseMomentum, maxMomentum),
            ];
        Start();
    }

    public double MaxLr { get; }
    public int TotalSteps { get; }
    public double PctStart { get; }
    public AnnealStrategy AnnealStrategy { get; }
    public bool CycleMomentum { get; }
    public double BaseMomentum { get; }
    public double MaxMomentum { get; }
    public double DivFactor { get; }
    public double FinalDivFactor { get; }
    public bool ThreePhase { get; }

    protected internal override double LrAt(int epoch, int group, double baseLr) => Position(epoch).Lr;

    /// <summary>The rate and momentum at a step: find its phase, then anneal between the phase's end points.</summary>
    private (double Lr, double Momentum) Position(int step)
    {
        if (step > TotalSteps)
            throw new InvalidOperationException($"OneCycleLR: tried to step {step} times, but the cycle has totalSteps = {TotalSteps}.");
        double startStep = 0;
        for (int i = 0; i < phases.Length; i++)
        {
            var phase = phases[i];
            if (step <= phase.EndStep || i == phases.Length - 1)
            {
                double pct = (step - startStep) / (phase.EndStep - startStep);
                return (Anneal(phase.StartLr, phase.EndLr, pct), Anneal(phase.StartMomentum, phase.EndMomentum, pct));
            }
            startStep = phase.EndStep;
        }
        throw new InvalidOperationException("OneCycleLR: unreachable.");
    }

    private double Anneal(double start, double end, double pct) => AnnealStrategy == AnnealStrategy.Cos
        ? end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1)
        : (end - start) * pct + start;

    protected override void Apply()
    {
        base.Apply();
        if (momentumOption is null) return;
        double momentum = Position(LastEpoch).Momentum;
        foreach (var group in Optimizer.ParamGroups) group[momentumOption] = momentum;
    }

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters =>
    [
        ("max_lr", MaxLr), ("total_steps", TotalSteps), ("pct_start", PctStart), ("anneal_strategy", (double)AnnealStrategy),
        ("cycle_momentum", CycleMomentum ? 1 : 0), ("base_momentum", BaseMomentum), ("max_momentum", MaxMomentum),
        ("div_factor", DivFactor), ("final_div_factor", FinalDivFactor), ("three_phase", ThreePhase ? 1 : 0),
    ];
}
