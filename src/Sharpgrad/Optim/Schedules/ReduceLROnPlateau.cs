namespace Sharpgrad.Optim;

/// <summary>Whether <see cref="ReduceLROnPlateau"/> waits for a metric to stop falling (a loss) or rising (an accuracy).</summary>
public enum PlateauMode
{
    Min,
    Max,
}

/// <summary>How <see cref="ReduceLROnPlateau"/> decides that a metric improved on the best value so far.</summary>
public enum PlateauThreshold
{
    /// <summary>By a fraction of the best value: better than best·(1 ∓ threshold).</summary>
    Relative,

    /// <summary>By an absolute amount: better than best ∓ threshold.</summary>
    Absolute,
}

/// <summary>
/// Cuts the learning rate when a monitored metric stops improving (torch.optim.lr_scheduler.ReduceLROnPlateau):
/// step it once per epoch with the validation metric, <c>schedule.Step(validationLoss)</c>. After more than
/// patience epochs without improvement, every group's rate is multiplied by factor (but not below min_lr), the
/// counter is cleared and the next cooldown epochs are ignored. A reduction smaller than eps is not made.
/// <para>
/// As a closed form: ε = ε₀ before any reduction, and max(ε₀·factorᵏ, min_lr) after k of them. Its state is the
/// best metric so far, the epochs without improvement, the cooldown left and each group's k.
/// </para>
/// </summary>
public sealed class ReduceLROnPlateau : LrScheduler
{
    private long[] reductions;
    private double best;
    private int badEpochs, cooldownLeft;

    /// <param name="mode">Min for a loss, Max for an accuracy.</param>
    /// <param name="factor">The multiplier of each reduction, in [0, 1).</param>
    /// <param name="patience">How many epochs without improvement to tolerate (the reduction comes on the next one).</param>
    /// <param name="threshold">How much better than the best a value must be to count as an improvement.</param>
    /// <param name="thresholdMode">Whether the threshold is relative to the best value or absolute.</param>
    /// <param name="cooldown">Epochs to wait after a reduction before counting bad epochs again.</param>
    /// <param name="minLr">The lowest rate a reduction may set.</param>
    /// <param name="eps">Reductions smaller than this are skipped.</param>
    public ReduceLROnPlateau(Optimizer optimizer, PlateauMode mode = PlateauMode.Min, double factor = 0.1, int patience = 10,
        double threshold = 1e-4, PlateauThreshold thresholdMode = PlateauThreshold.Relative, int cooldown = 0, double minLr = 0,
        double eps = 1e-8) : base("ReduceLROnPlateau", optimizer)
    {
        if (!Enum.IsDefined(mode)) throw new ArgumentException($"ReduceLROnPlateau: unknown mode {mode}.");
        if (!Enum.IsDefined(thresholdMode)) throw new ArgumentException($"ReduceLROnPlateau: unknown thresholdMode {thresholdMode}.");
        if (!(factor >= 0 && factor < 1)) throw new ArgumentException($"ReduceLROnPlateau: factor must be in [0, 1), got {factor}.");
        if (patience < 0) throw new ArgumentException($"ReduceLROnPlateau: patience must be ≥ 0, got {patience}.");
        if (cooldown < 0) throw new ArgumentException($"ReduceLROnPlateau: cooldown must be ≥ 0, got {cooldown}.");
        Mode = mode;
        Factor = factor;
        Patience = patience;
        Threshold = RequireNonNegative(Name, "threshold", threshold);
        ThresholdMode = thresholdMode;
        Cooldown = cooldown;
        MinLr = RequireNonNegative(Name, "minLr", minLr);
        Eps = RequireNonNegative(Name, "eps", eps);
        reductions = new long[optimizer.ParamGroups.Count];
        best = mode == PlateauMode.Min ? double.PositiveInfinity : double.NegativeInfinity;
        Start();
    }

    public PlateauMode Mode { get; }
    public double Factor { get; }
    public int Patience { get; }
    public double Threshold { get; }
    public PlateauThreshold ThresholdMode { get; }
    public int Cooldown { get; }
    public double MinLr { get; }
    public double Eps { get; }

    /// <summary>The best metric seen so far.</summary>
    public double Best => best;

    /// <summary>Epochs since the metric last improved (PyTorch's num_bad_epochs).</summary>
    public int BadEpochs => badEpochs;

    protected internal override bool UsesMetric => true;

    protected internal override void Observe(double metric)
    {
        if (IsBetter(metric))
        {
            best = metric;
            badEpochs = 0;
        }
        else badEpochs++;

        if (cooldownLeft > 0)
        {
            cooldownLeft--;
            badEpochs = 0; // bad epochs during the cooldown do not count
        }

        if (badEpochs > Patience)
        {
            var groups = Optimizer.ParamGroups;
            for (int g = 0; g < groups.Count; g++)
            {
                double current = groups[g].Lr, reduced = Math.Max(current * Factor, MinLr);
                if (current - reduced > Eps) reductions[g]++;
            }
            cooldownLeft = Cooldown;
            badEpochs = 0;
        }
    }

    private bool IsBetter(double metric) => (Mode, ThresholdMode) switch
    {
        (PlateauMode.Min, PlateauThreshold.Relative) => metric < best * (1 - Threshold),
        (PlateauMode.Min, PlateauThreshold.Absolute) => metric < best - Threshold,
        (PlateauMode.Max, PlateauThreshold.Relative) => metric > best * (1 + Threshold),
        _ => metric > best + Threshold,
    };

    protected internal override double LrAt(int epoch, int group, double baseLr) =>
        reductions[group] == 0 ? baseLr : Math.Max(baseLr * Math.Pow(Factor, reductions[group]), MinLr);

    protected internal override IEnumerable<(string Name, double Value)> HyperParameters =>
    [
        ("mode", (double)Mode), ("factor", Factor), ("patience", Patience), ("threshold", Threshold),
        ("threshold_mode", (double)ThresholdMode), ("cooldown", Cooldown), ("min_lr", MinLr), ("eps", Eps),
    ];

    protected internal override IEnumerable<(string Name, Tensor Value)> State =>
    [
        ("best", Tensor.Scalar(best, DType.Float64)), ("num_bad_epochs", Tensor.Scalar(badEpochs, DType.Float64)),
        ("cooldown_counter", Tensor.Scalar(cooldownLeft, DType.Float64)), ("reductions", Tensor.From(reductions.Select(r => (double)r).ToArray())),
    ];

    protected internal override void LoadState(IReadOnlyDictionary<string, Tensor> saved)
    {
        best = saved["best"].Item();
        badEpochs = (int)saved["num_bad_epochs"].Item();
        cooldownLeft = (int)saved["cooldown_counter"].Item();
        reductions = saved["reductions"].ToDoubleArray().Select(r => (long)r).ToArray();
    }
}
