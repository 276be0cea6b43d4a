using System.Globalization;

namespace Sharpgrad.Optim;

/// <summary>
/// A learning-rate schedule (GBC §8.3.1: the learning rate must decrease over time for SGD to converge, since the
/// minibatch gradient's noise does not vanish at the minimum). It sets each parameter group's lr from a count of
/// <see cref="Step()"/> calls — usually once per epoch, after the optimiser's steps — as torch.optim.lr_scheduler
/// does:
/// <code>
/// var opt = new SGD(model.Parameters(), lr: 0.1, momentum: 0.9);
/// var schedule = new CosineAnnealingLR(opt, tMax: 100);
/// for (int epoch = 0; epoch &lt; 100; epoch++) { Train(opt); schedule.Step(); }
/// </code>
/// <para>
/// Every schedule here is a closed form: the lr at epoch t is a function ε(t, ε₀) of the schedule's own clock t
/// (<see cref="LastEpoch"/>) and the group's initial rate ε₀ (<see cref="BaseLrs"/>), the formula printed in
/// PyTorch's documentation. (PyTorch itself mostly applies the same schedules recursively, multiplying the
/// current lr by a ratio each step; the values are the same up to rounding.) Closed forms never drift, make the
/// saved state just the clock, and compose: <see cref="ChainedScheduler"/> feeds one schedule's output in as the
/// next one's ε₀, <see cref="SequentialLR"/> switches schedules at milestones and restarts the clock of each.
/// <see cref="ReduceLROnPlateau"/> also counts the reductions it has made, and is stepped with a metric.
/// </para>
/// <para>
/// Like PyTorch, creating a schedule applies its epoch-0 rate at once, and all schedules on one optimiser share ε₀
/// (<see cref="ParamGroup.InitialLr"/>, recorded by the first one).
/// </para>
/// </summary>
public abstract class LrScheduler
{
    private double[] baseLrs;
    private double[] lastLr;

    /// <param name="name">The schedule's name, used in messages ("StepLR", ...).</param>
    protected LrScheduler(string name, Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Name = name;
        Optimizer = optimizer;
        baseLrs = optimizer.ParamGroups.Select(g => g.InitialLr ??= g.Lr).ToArray();
        lastLr = optimizer.ParamGroups.Select(g => g.Lr).ToArray();
    }

    public string Name { get; }

    public Optimizer Optimizer { get; }

    /// <summary>ε₀ of each parameter group.</summary>
    public IReadOnlyList<double> BaseLrs => baseLrs;

    /// <summary>The schedule's clock: 0 after construction, +1 at each <see cref="Step()"/> (PyTorch's last_epoch).</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The learning rate of each group as last set by this schedule (PyTorch's get_last_lr()).</summary>
    public IReadOnlyList<double> LastLr => lastLr;

    /// <summary>Advances the clock by one and sets every group's learning rate.</summary>
    public void Step()
    {
        if (UsesMetric) throw new InvalidOperationException($"{Name}.Step: this schedule follows a validation metric; call Step(metric).");
        LastEpoch++;
        Apply();
    }

    /// <summary>Advances the clock with the latest value of the monitored metric (for <see cref="ReduceLROnPlateau"/>).</summary>
    public void Step(double metric)
    {
        if (!UsesMetric) throw new InvalidOperationException($"{Name}.Step: this schedule does not use a metric; call Step().");
        LastEpoch++;
        Observe(metric);
        Apply();
    }

    /// <summary>ε(t, ε₀) for parameter group <paramref name="group"/>: the schedule's closed form.</summary>
    protected internal abstract double LrAt(int epoch, int group, double baseLr);

    /// <summary>True for schedules that follow a metric (<see cref="Step(double)"/>) rather than the clock alone.</summary>
    protected internal virtual bool UsesMetric => false;

    /// <summary>Takes in the metric of the epoch <see cref="LastEpoch"/> (already advanced), before the lr is set.</summary>
    protected internal virtual void Observe(double metric)
    {
    }

    /// <summary>The constructor arguments, by PyTorch name; saved in the state dict and checked when loading.</summary>
    protected internal abstract IEnumerable<(string Name, double Value)> HyperParameters { get; }

    /// <summary>What changes as the schedule runs besides the clock (ReduceLROnPlateau's counters); saved as tensors.</summary>
    protected internal virtual IEnumerable<(string Name, Tensor Value)> State => [];

    /// <summary>Takes back the entries of <see cref="State"/> (already checked to exist with the right shapes).</summary>
    protected internal virtual void LoadState(IReadOnlyDictionary<string, Tensor> saved)
    {
    }

    /// <summary>PyTorch's initial step: concrete schedules call it at the end of their constructor to set epoch 0's rate.</summary>
    protected void Start() => Apply();

    /// <summary>Sets every group's lr to ε(<see cref="LastEpoch"/>, ε₀).</summary>
    protected virtual void Apply()
    {
        var groups = Optimizer.ParamGroups;
        for (int g = 0; g < groups.Count; g++) groups[g].Lr = LrAt(LastEpoch, g, baseLrs[g]);
        lastLr = groups.Select(g => g.Lr).ToArray();
    }

    /// <summary>
    /// "last_epoch", "base_lrs" and "last_lr", every hyper-parameter (0-d float64, by PyTorch name; list-valued ones
    /// as "milestones.0", "milestones.1", ...) and the schedule's <see cref="State"/>. Copies.
    /// </summary>
    public Dictionary<string, Tensor> StateDict()
    {
        var dict = new Dictionary<string, Tensor>
        {
            ["last_epoch"] = Tensor.Scalar(LastEpoch, DType.Float64),
            ["base_lrs"] = Tensor.From(baseLrs),
            ["last_lr"] = Tensor.From(lastLr),
        };
        foreach (var (name, value) in HyperParameters) dict[name] = Tensor.Scalar(value, DType.Float64);
        foreach (var (name, value) in State) dict[name] = value.Clone();
        return dict;
    }

    /// <summary>
    /// Resumes from <see cref="StateDict"/>. Build the schedule with the same arguments first: a saved
    /// hyper-parameter that differs from this schedule's raises (rather than silently changing the schedule), as do
    /// missing, unexpected or wrongly shaped entries; nothing changes unless everything checks. The optimiser's lr is
    /// not touched — it is restored by the optimiser's own state dict, and the next Step sets it anyway.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict)
    {
        string op = $"{Name}.LoadStateDict";
        int groups = baseLrs.Length;
        var hyper = HyperParameters.ToList();
        var state = State.ToList();
        var expected = new[] { "last_epoch", "base_lrs", "last_lr" }.Concat(hyper.Select(h => h.Name)).Concat(state.Select(s => s.Name)).ToList();
        foreach (var key in expected)
            if (!stateDict.ContainsKey(key)) throw new ArgumentException($"{op}: missing key '{key}'.");
        var unexpected = stateDict.Keys.Except(expected).Order(StringComparer.Ordinal).ToList();
        if (unexpected.Count > 0)
            throw new ArgumentException($"{op}: unexpected key(s) {string.Join(", ", unexpected.Select(k => $"'{k}'"))}; they do not belong to this {Name}.");

        var epoch = stateDict["last_epoch"];
        if (epoch.Count != 1 || !(epoch.Item() >= 0) || epoch.Item() != Math.Floor(epoch.Item()) || epoch.Item() > int.MaxValue)
            throw new ArgumentException($"{op}: 'last_epoch' must be one whole number ≥ 0, got {epoch}.");
        foreach (var key in new[] { "base_lrs", "last_lr" })
            if (stateDict[key].Rank != 1 || stateDict[key].Count != groups)
                throw new ArgumentException($"{op}: '{key}' has shape {stateDict[key].ShapeText}, expected [{groups}] (one value per parameter group).");
        foreach (var (name, value) in hyper)
        {
            var saved = stateDict[name];
            if (saved.Count != 1) throw new ArgumentException($"{op}: '{name}' must hold one value, got shape {saved.ShapeText}.");
            if (!saved.Item().Equals(value))
                throw new ArgumentException($"{op}: the saved {name} = {saved.Item().ToString(CultureInfo.InvariantCulture)}, but this schedule has " +
                                            $"{name} = {value.ToString(CultureInfo.InvariantCulture)}; create it with the saved hyper-parameters.");
        }
        foreach (var (name, value) in state)
            if (!Tensor.SameShape(stateDict[name], value))
                throw new ArgumentException($"{op}: '{name}' has shape {stateDict[name].ShapeText}, expected {value.ShapeText}.");

        LastEpoch = (int)epoch.Item();
        baseLrs = stateDict["base_lrs"].ToDoubleArray();
        lastLr = stateDict["last_lr"].ToDoubleArray();
        LoadState(stateDict);
    }

    public override string ToString() =>
        $"{Name}({string.Join(", ", HyperParameters.Select(h => $"{h.Name}={h.Value.ToString("R", CultureInfo.InvariantCulture)}"))})";

    // Argument checks shared by the schedules' constructors; the messages name the schedule and the argument.

    protected static int RequirePositive(string schedule, string argument, int value) =>
        value >= 1 ? value : throw new ArgumentException($"{schedule}: {argument} must be ≥ 1, got {value}.");

    protected static double RequireInRange(string schedule, string argument, double value, double low, double high, bool includeLow = true) =>
        (includeLow ? value >= low : value > low) && value <= high
            ? value
            : throw new ArgumentException($"{schedule}: {argument} must be in {(includeLow ? "[" : "(")}{low}, {high}], got {value}.");

    protected static double RequireNonNegative(string schedule, string argument, double value) =>
        value >= 0 && !double.IsPositiveInfinity(value) ? value : throw new ArgumentException($"{schedule}: {argument} must be finite and ≥ 0, got {value}.");
}
