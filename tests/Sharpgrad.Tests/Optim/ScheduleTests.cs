using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// Every learning-rate schedule against values worked out by hand from its closed form (and PyTorch's
/// documented examples where they exist), over a few dozen steps; composition; state round trips.
/// </summary>
public class ScheduleTests
{
    private static SGD Optimizer(double lr = 1, double momentum = 0.9) =>
        new([Tensor.Zeros([2], DType.Float64).RequireGrad()], lr, momentum);

    /// <summary>Checks the rate after construction (t = 0) and after each of <paramref name="steps"/> steps.</summary>
    private static void AssertFollows(LrScheduler schedule, Func<int, double> expected, int steps)
    {
        for (int t = 0; t <= steps; t++)
        {
            if (t > 0) schedule.Step();
            double want = expected(t);
            Assert.Equal(t, schedule.LastEpoch);
            Assert.True(Math.Abs(schedule.LastLr[0] - want) <= 1e-12 * Math.Max(1, Math.Abs(want)),
                $"{schedule.Name} at t = {t}: lr {schedule.LastLr[0]:R}, expected {want:R}");
            Assert.Equal(schedule.LastLr[0], schedule.Optimizer.Lr); // the optimiser's group really has that rate
        }
    }

    private static void AssertFollows(LrScheduler schedule, double[] expected) =>
        AssertFollows(schedule, t => expected[t], expected.Length - 1);

    [Fact]
    public void StepLRMatchesPyTorchsExample()
    {
        // torch docs: lr = 0.05 for epoch < 30, 0.005 for 30 ≤ epoch < 60, 0.0005 for 60 ≤ epoch < 90.
        AssertFollows(new StepLR(Optimizer(0.05), stepSize: 30, gamma: 0.1), t => t < 30 ? 0.05 : t < 60 ? 0.005 : t < 90 ? 0.0005 : 0.00005, 100);
    }

    [Fact]
    public void StepLRHalvesEveryThreeEpochs() =>
        AssertFollows(new StepLR(Optimizer(), stepSize: 3, gamma: 0.5),
            [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625]);

    [Fact]
    public void MultiStepLRMatchesPyTorchsExample()
    {
        AssertFollows(new MultiStepLR(Optimizer(0.05), [30, 80], gamma: 0.1), t => t < 30 ? 0.05 : t < 80 ? 0.005 : 0.0005, 90);
        // A repeated milestone decays twice.
        AssertFollows(new MultiStepLR(Optimizer(), [5, 2, 2], gamma: 0.5), [1, 1, 0.25, 0.25, 0.25, 0.125, 0.125]);
    }

    [Fact]
    public void ExponentialLRIsGammaToTheT() =>
        AssertFollows(new ExponentialLR(Optimizer(0.1), gamma: 0.9), t => 0.1 * Math.Pow(0.9, t), 40);

    [Fact]
    public void CosineAnnealingFollowsHalfACosine()
    {
        // ε₀ = 0.1, η_min = 0.001, T_max = 10: (1 + cos(πt/10))/2 of the way from η_min to ε₀; past T_max it rises again.
        var schedule = new CosineAnnealingLR(Optimizer(0.1), tMax: 10, etaMin: 0.001);
        AssertFollows(schedule, t => 0.001 + 0.099 * (1 + Math.Cos(Math.PI * t / 10)) / 2, 30);

        var again = new CosineAnnealingLR(Optimizer(0.1), tMax: 10, etaMin: 0.001);
        double[] landmarks = [0.1, 0.0505, 0.001]; // t = 0, 5 (halfway: (ε₀ + η_min)/2) and 10
        for (int t = 0; t <= 10; t++)
        {
            if (t % 5 == 0) Assert.Equal(landmarks[t / 5], again.LastLr[0], 15);
            again.Step();
        }
    }

    [Fact]
    public void WarmRestartsRestartAtTheEndOfEachLongerPeriod()
    {
        // T₀ = 3, T_mult = 2: periods [0, 3), [3, 9), [9, 21), [21, 45). Within a period of length Tᵢ that started at
        // s, the rate is ε₀(1 + cos(π(t − s)/Tᵢ))/2 (η_min = 0).
        (int Start, int Length)[] periods = [(0, 3), (3, 6), (9, 12), (21, 24)];
        double Expected(int t)
        {
            var (start, length) = periods.Last(p => p.Start <= t);
            return 0.5 * (1 + Math.Cos(Math.PI * (t - start) / length)) / 2;
        }
        var schedule = new CosineAnnealingWarmRestarts(Optimizer(0.5), t0: 3, tMult: 2);
        AssertFollows(schedule, Expected, 40);

        // Landmarks: full rate at each restart, half rate in the middle of the periods.
        var fresh = new CosineAnnealingWarmRestarts(Optimizer(0.5), t0: 3, tMult: 2);
        var lrs = new List<double> { fresh.LastLr[0] };
        for (int t = 1; t <= 21; t++)
        {
            fresh.Step();
            lrs.Add(fresh.LastLr[0]);
        }
        Assert.All(new[] { 0, 3, 9, 21 }, t => Assert.Equal(0.5, lrs[t], 15));
        Assert.All(new[] { 6, 15 }, t => Assert.Equal(0.25, lrs[t], 15));

        // T_mult = 1: fixed periods of T₀ with η_min.
        AssertFollows(new CosineAnnealingWarmRestarts(Optimizer(1), t0: 4, etaMin: 0.1),
            t => 0.1 + 0.9 * (1 + Math.Cos(Math.PI * (t % 4) / 4)) / 2, 20);
    }

    [Fact]
    public void LinearLRMatchesPyTorchsExample() =>
        // torch docs: ε₀ = 0.05, start_factor 0.5, total_iters 4.
        AssertFollows(new LinearLR(Optimizer(0.05), startFactor: 0.5, totalIters: 4), [0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05, 0.05]);

    [Fact]
    public void LinearWarmupClimbsToTheBaseRate() =>
        AssertFollows(new LinearWarmup(Optimizer(0.4), warmupSteps: 4, startFactor: 0.25), [0.1, 0.175, 0.25, 0.325, 0.4, 0.4, 0.4]);

    [Fact]
    public void LinearDecayIsTheBooksFormula()
    {
        // GBC eq. 8.14: εₖ = (1 − α)ε₀ + αε_τ, α = k/τ, for k ≤ τ; then ε_τ. Here ε₀ = 0.1, τ = 20, ε_τ = 1% of ε₀.
        const double eps0 = 0.1, epsTau = 0.001, tau = 20;
        AssertFollows(new LinearDecay(Optimizer(eps0), tau: 20, finalFactor: 0.01), k => k <= tau ? (1 - k / tau) * eps0 + k / tau * epsTau : epsTau, 40);
    }

    [Fact]
    public void ConstantLRAppliesItsFactorForTheFirstEpochs() =>
        AssertFollows(new ConstantLR(Optimizer(0.2), factor: 0.5, totalIters: 3), [0.1, 0.1, 0.1, 0.2, 0.2]);

    [Fact]
    public void ReduceOnPlateauCutsAfterPatienceAndWaitsOutTheCooldown()
    {
        // patience 2, factor 0.5, cooldown 1, relative threshold 1e-4 (an improvement must beat best·0.9999). By hand:
        // 10 and 9 improve; 9, 9 are bad epochs 1 and 2; the third bad epoch (> patience) halves the rate. The next
        // epoch falls in the cooldown and is not counted; 8 improves; 8.9999, 9 and 9 are bad again: halve on the third.
        double[] metrics = [10, 9, 9, 9, 9, 9, 8, 8.9999, 9, 9, 9, 9];
        double[] expected = [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25];
        var schedule = new ReduceLROnPlateau(Optimizer(), factor: 0.5, patience: 2, cooldown: 1);
        Assert.Equal(1, schedule.LastLr[0]);
        for (int i = 0; i < metrics.Length; i++)
        {
            schedule.Step(metrics[i]);
            Assert.True(expected[i] == schedule.LastLr[0], $"after metric {i} ({metrics[i]}): lr {schedule.LastLr[0]}, expected {expected[i]}");
        }
        Assert.Equal(8, schedule.Best);
        Assert.Throws<InvalidOperationException>(schedule.Step); // it needs the metric
    }

    [Fact]
    public void ReduceOnPlateauInMaxModeStopsAtMinLr()
    {
        // An accuracy that never improves after the first epoch, patience 0: every epoch cuts by 10×, down to min_lr.
        var schedule = new ReduceLROnPlateau(Optimizer(), PlateauMode.Max, factor: 0.1, patience: 0, thresholdMode: PlateauThreshold.Absolute,
            threshold: 0.01, minLr: 0.005);
        double[] accuracy = [0.5, 0.505, 0.4, 0.5, 0.509];
        double[] expected = [1, 0.1, 0.01, 0.005, 0.005];
        for (int i = 0; i < accuracy.Length; i++)
        {
            schedule.Step(accuracy[i]);
            Assert.Equal(expected[i], schedule.LastLr[0], 15);
        }
    }

    [Fact]
    public void OneCycleWarmsUpThenAnnealsAndCyclesMomentumInversely()
    {
        // max_lr 1, 10 steps, pct_start 0.3: initial 1/25 = 0.04, final 0.04/1e4 = 4e-6. The warm-up phase ends at
        // step 0.3·10 − 1 = 2, the annealing phase at step 9; cosine annealing between them.
        var opt = Optimizer();
        var schedule = new OneCycleLR(opt, maxLr: 1, totalSteps: 10);
        static double Cos(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);
        double ExpectedLr(int t) => t <= 2 ? Cos(0.04, 1, t / 2.0) : Cos(1, 4e-6, (t - 2) / 7.0);
        double ExpectedMomentum(int t) => t <= 2 ? Cos(0.95, 0.85, t / 2.0) : Cos(0.85, 0.95, (t - 2) / 7.0);
        for (int t = 0; t <= 10; t++)
        {
            if (t > 0) schedule.Step();
            Assert.Equal(ExpectedLr(t), schedule.LastLr[0], 14);
            Assert.Equal(ExpectedMomentum(t), opt.ParamGroups[0]["momentum"], 14);
        }
        Assert.Equal(0.52, ExpectedLr(1), 14); // halfway up: 1 − 0.96/2
        var e = Assert.Throws<InvalidOperationException>(schedule.Step);
        Assert.Contains("totalSteps = 10", e.Message);
    }

    [Fact]
    public void OneCycleVariants()
    {
        // Linear annealing, three phases: up to step 2, back down to the initial rate by step 4, then to the final rate at 9.
        var schedule = new OneCycleLR(Optimizer(), maxLr: 1, totalSteps: 10, annealStrategy: AnnealStrategy.Linear, threePhase: true);
        double[] expected = [0.04, 0.52, 1, 0.52, 0.04, 0.04 - 0.039996 / 5, 0.04 - 2 * 0.039996 / 5, 0.04 - 3 * 0.039996 / 5, 0.04 - 4 * 0.039996 / 5, 4e-6];
        for (int t = 0; t < expected.Length; t++)
        {
            if (t > 0) schedule.Step();
            Assert.Equal(expected[t], schedule.LastLr[0], 14);
        }

        // Adam's β₁ is the momentum it cycles.
        var adam = new Adam([Tensor.Zeros([1]).RequireGrad()]);
        _ = new OneCycleLR(adam, maxLr: 0.01, totalSteps: 100);
        Assert.Equal(0.95, adam.ParamGroups[0]["beta1"], 15);
        var e = Assert.Throws<ArgumentException>(() => new OneCycleLR(new Adagrad([Tensor.Zeros([1]).RequireGrad()]), maxLr: 0.1, totalSteps: 10));
        Assert.Contains("cycleMomentum", e.Message);
    }

    [Fact]
    public void ChainedSchedulesMultiply()
    {
        // ConstantLR(0.1 for 2 epochs) chained with ExponentialLR(0.9), ε₀ = 1: 0.1·0.9ᵗ while t < 2, then 0.9ᵗ.
        var opt = Optimizer();
        var chained = new ChainedScheduler(new ConstantLR(opt, factor: 0.1, totalIters: 2), new ExponentialLR(opt, gamma: 0.9));
        AssertFollows(chained, [0.1, 0.09, 0.81, 0.729, 0.6561, 0.59049]);
    }

    [Fact]
    public void SequentialSchedulesRestartTheirClockAtTheMilestone()
    {
        // ConstantLR then ExponentialLR from epoch 2: the exponential starts again from ε₀ = 1 (PyTorch calls step(0)).
        var opt = Optimizer();
        var sequential = new SequentialLR([new ConstantLR(opt, factor: 0.1, totalIters: 2), new ExponentialLR(opt, gamma: 0.9)], milestones: [2]);
        AssertFollows(sequential, [0.1, 0.1, 1, 0.9, 0.81, 0.729]);

        // Warm-up for 5 epochs, then cosine annealing over 10: the common recipe.
        var opt2 = Optimizer(0.5);
        var recipe = new SequentialLR([new LinearWarmup(opt2, 5, startFactor: 0.2), new CosineAnnealingLR(opt2, tMax: 10)], [5]);
        Assert.Equal([0.5], recipe.BaseLrs); // the cosine schedule saw ε₀, not the warm-up's reduced rate
        AssertFollows(recipe, t => t < 5 ? 0.5 * (0.2 + 0.8 * t / 5) : 0.5 * (1 + Math.Cos(Math.PI * (t - 5) / 10)) / 2, 15);
    }

    [Fact]
    public void CompositesPassTheMetricToPlateauParts()
    {
        var opt = Optimizer();
        var chained = new ChainedScheduler(new ExponentialLR(opt, gamma: 0.5), new ReduceLROnPlateau(opt, patience: 0, factor: 0.1));
        Assert.Throws<InvalidOperationException>(chained.Step);
        chained.Step(1.0); // improves: 0.5
        Assert.Equal(0.5, chained.LastLr[0], 15);
        chained.Step(2.0); // worse: a reduction, 0.25·0.1
        Assert.Equal(0.025, chained.LastLr[0], 15);
    }

    [Fact]
    public void EachGroupScalesItsOwnRate()
    {
        var opt = Optimizer(0.1);
        opt.AddParamGroup([Tensor.Zeros([1], DType.Float64).RequireGrad()], new Dictionary<string, double> { ["lr"] = 0.01 });
        var schedule = new StepLR(opt, stepSize: 1, gamma: 0.5);
        schedule.Step();
        Assert.Equal([0.05, 0.005], schedule.LastLr);
        Assert.Equal(0.005, opt.ParamGroups[1].Lr);
        Assert.Equal([0.1, 0.01], schedule.BaseLrs);
    }

    public static TheoryData<string> AllSchedules => new(
    [
        "StepLR", "MultiStepLR", "ExponentialLR", "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "LinearLR", "LinearWarmup",
        "LinearDecay", "ConstantLR", "ReduceLROnPlateau", "OneCycleLR", "ChainedScheduler", "SequentialLR",
    ]);

    private static LrScheduler Create(string name, Optimizer opt) => name switch
    {
        "StepLR" => new StepLR(opt, 3, 0.5),
        "MultiStepLR" => new MultiStepLR(opt, [2, 9], 0.3),
        "ExponentialLR" => new ExponentialLR(opt, 0.8),
        "CosineAnnealingLR" => new CosineAnnealingLR(opt, 12, 0.01),
        "CosineAnnealingWarmRestarts" => new CosineAnnealingWarmRestarts(opt, 2, 2),
        "LinearLR" => new LinearLR(opt, 0.2, 0.9, 10),
        "LinearWarmup" => new LinearWarmup(opt, 10),
        "LinearDecay" => new LinearDecay(opt, 12),
        "ConstantLR" => new ConstantLR(opt, 0.3, 9),
        "ReduceLROnPlateau" => new ReduceLROnPlateau(opt, factor: 0.5, patience: 1, cooldown: 2),
        "OneCycleLR" => new OneCycleLR(opt, 2, 20),
        "ChainedScheduler" => new ChainedScheduler(new LinearWarmup(opt, 4), new ReduceLROnPlateau(opt, patience: 1, factor: 0.5)),
        "SequentialLR" => new SequentialLR([new LinearWarmup(opt, 3), new StepLR(opt, 2, 0.7), new ReduceLROnPlateau(opt, patience: 0)], [3, 8]),
        _ => throw new ArgumentException(name),
    };

    private static void Step(LrScheduler schedule, int t)
    {
        if (schedule is ReduceLROnPlateau || (schedule is ComposedScheduler c && c.Schedulers.OfType<ReduceLROnPlateau>().Any()))
            schedule.Step(t % 3 == 0 ? 1.0 / (t + 1) : 5.0); // improves every third epoch
        else schedule.Step();
    }

    [Theory]
    [MemberData(nameof(AllSchedules))]
    public void StateRoundTrips(string name)
    {
        var uninterrupted = Create(name, Optimizer(0.3));
        var lrs = new List<double>();
        for (int t = 1; t <= 18; t++)
        {
            Step(uninterrupted, t);
            lrs.Add(uninterrupted.LastLr[0]);
        }

        var first = Create(name, Optimizer(0.3));
        for (int t = 1; t <= 7; t++) Step(first, t);
        var saved = first.StateDict();
        var resumed = Create(name, Optimizer(0.3));
        resumed.LoadStateDict(saved);
        Assert.Equal(7, resumed.LastEpoch);
        Assert.Equal(first.LastLr, resumed.LastLr);
        for (int t = 8; t <= 18; t++)
        {
            Step(resumed, t);
            Assert.Equal(lrs[t - 1], resumed.LastLr[0]);
        }
    }

    [Fact]
    public void LoadingChecksKeysShapesAndHyperParameters()
    {
        var saved = new StepLR(Optimizer(), stepSize: 3, gamma: 0.5).StateDict();
        var other = new StepLR(Optimizer(), stepSize: 3, gamma: 0.1);
        var e = Assert.Throws<ArgumentException>(() => other.LoadStateDict(saved));
        Assert.Contains("StepLR.LoadStateDict: the saved gamma = 0.5, but this schedule has gamma = 0.1", e.Message);

        var same = new StepLR(Optimizer(), stepSize: 3, gamma: 0.5);
        saved.Remove("last_epoch");
        Assert.Contains("missing key 'last_epoch'", Assert.Throws<ArgumentException>(() => same.LoadStateDict(saved)).Message);
        saved["last_epoch"] = Tensor.Scalar(2, DType.Float64);
        saved["momentum"] = Tensor.Scalar(2, DType.Float64);
        Assert.Contains("unexpected key(s) 'momentum'", Assert.Throws<ArgumentException>(() => same.LoadStateDict(saved)).Message);
        saved.Remove("momentum");
        saved["base_lrs"] = Tensor.From(new[] { 1.0, 1.0 });
        Assert.Contains("'base_lrs' has shape [2], expected [1]", Assert.Throws<ArgumentException>(() => same.LoadStateDict(saved)).Message);
        Assert.Equal(0, same.LastEpoch); // nothing changed
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Contains("StepLR: stepSize must be ≥ 1", Assert.Throws<ArgumentException>(() => new StepLR(Optimizer(), 0)).Message);
        Assert.Contains("CosineAnnealingLR: tMax", Assert.Throws<ArgumentException>(() => new CosineAnnealingLR(Optimizer(), 0)).Message);
        Assert.Contains("LinearLR: startFactor", Assert.Throws<ArgumentException>(() => new LinearLR(Optimizer(), startFactor: 0)).Message);
        Assert.Contains("ReduceLROnPlateau: factor", Assert.Throws<ArgumentException>(() => new ReduceLROnPlateau(Optimizer(), factor: 1)).Message);
        Assert.Contains("SequentialLR: expected 1 milestone(s)",
            Assert.Throws<ArgumentException>(() => { var o = Optimizer(); new SequentialLR([new StepLR(o, 1), new StepLR(o, 2)], []); }).Message);
        Assert.Contains("same optimizer",
            Assert.Throws<ArgumentException>(() => new ChainedScheduler(new StepLR(Optimizer(), 1), new StepLR(Optimizer(), 2))).Message);
        Assert.Contains("does not use a metric", Assert.Throws<InvalidOperationException>(() => new StepLR(Optimizer(), 1).Step(0.5)).Message);
    }
}
