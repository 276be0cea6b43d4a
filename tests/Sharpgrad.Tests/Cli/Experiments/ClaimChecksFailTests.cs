using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// Each experiment's claim check must be able to fail: fed numbers that contradict the claim (made up here, the
/// opposite of what the books predict), it says so. The quick-run tests show the same checks holding on real runs.
/// </summary>
public class ClaimChecksFailTests
{
    private static double[] Line(double from, double to, int n) => [.. Enumerable.Range(0, n).Select(k => from + (to - from) * k / (n - 1))];

    [Fact]
    public void DistillationFailsWhenTheStudentsLoseAccuracy() =>
        Assert.False(DistillationExperiment.Check(new DistillationResult("digits", 0.97, [0.90, 0.91], [0.89, 0.90], 150, 4, 0.9)).Holds);

    [Fact]
    public void GanDynamicsFailsWhenSimultaneousPlayConverges()
    {
        var converging = new GameTrajectory("simultaneous", [1, 0.5], [0, 0], [1, 0.5]);
        var orbit = new GameTrajectory("alternating", [1, 0], [0, 1], [1, 1]);
        Assert.False(GanDynamicsExperiment.Check([converging, orbit]).Holds);
    }

    [Fact]
    public void LinearAutoencoderFailsAwayFromThePcaSubspace() =>
        Assert.False(LinearAutoencoderExperiment.Check(new LinearAutoencoderResult(4, [0, 1], [80, 10], [0.2, 0.05], 0.04, [10, 2, 1, 0.5])).Holds);

    [Fact]
    public void BanditFailsWhenGreedyHasLessRegret()
    {
        BanditCurve Curve(string name, double regret) => new(name, [0, regret], [0, 0.5]);
        Assert.False(BanditExperiment.Check([Curve("ε-greedy ε=0", 100), Curve("ε-greedy ε=0.01", 150), Curve("ε-greedy ε=0.1", 200), Curve("UCB c=2", 50)]).Holds);
    }

    [Fact]
    public void LongLagFailsWhenNoLagSeparatesTheNetworks() =>
        Assert.False(LongLagExperiment.Check([new(RecurrentArchitecture.Rnn, 20, 0.95, 0.1), new(RecurrentArchitecture.Lstm, 20, 1.0, 0.1)]).Holds);

    [Fact]
    public void EchoStateFailsWhenTheRadiusDoesNotMatter() =>
        Assert.False(EchoStateExperiment.Check(new EchoStateSweepResult([new(0.1, 0.1, 0.1), new(0.9, 0.1, 0.09), new(1.5, 0.1, 0.1)], 1.2, 84)).Holds);

    [Fact]
    public void CapacityFailsWithoutTheU()
    {
        // Test error falling all the way to the deepest tree: no overfitting, so no U.
        CapacityPoint[] points = [.. Line(0.4, 0.0, 6).Select((train, k) => new CapacityPoint(k + 1, 2 << k, train, 0.45 - 0.04 * k))];
        Assert.False(CapacityExperiment.Check(points).Holds);
    }

    [Fact]
    public void BiasVarianceFailsWhenBiasDoesNotFall() =>
        Assert.False(BiasVarianceExperiment.Check([new(1, 0.2, 0.01), new(2, 0.2, 0.02), new(3, 0.2, 0.05)]).Holds);

    [Fact]
    public void ReturnCurvesFailWhenTheBaselineHurts()
    {
        var runs = ReturnCurves.ReinforceBaselines.Select((v, i) => new SeededReturns(v, [[.. Enumerable.Repeat(300.0 - 100 * i, 100)]])).ToList();
        Assert.False(ReturnCurvesExperiment.Beats(runs, ["constant", "learned"], "none").Holds);
        Assert.False(ReturnCurvesExperiment.LearningStarted(runs[0] with { Returns = [Line(30, 20, 100)] }).Holds);
        Assert.True(ReturnCurvesExperiment.LearningStarted(runs[0] with { Returns = [Line(20, 200, 100)] }).Holds);
    }

    [Fact]
    public void LearningCurvesFailWhenMoreDataDoesNotHelp()
    {
        LearningCurvePoint[] points = [new(1, 5, 0.1, 0.5), new(1, 200, 0.2, 0.3), new(3, 5, 0.01, 0.2), new(3, 200, 0.04, 0.2)];
        Assert.False(LearningCurvesExperiment.Check(points).Holds);
    }

    [Fact]
    public void DbnFailsWhenPretrainingDoesNotHelp() =>
        Assert.False(DbnExperiment.Check(new DbnResult("digits", [32], 100, 5, [0.30, 0.25], [0.30, 0.20], Tensor.Zeros(1), Tensor.Zeros(1))).Holds);

    [Fact]
    public void DenoisingFailsWhenThePlainAutoencoderDenoisesBetter() =>
        Assert.False(DenoisingExperiment.Check(new DenoisingResult("digits", "masking", 0.12, 0.03, 0.04, Tensor.Zeros(1), Tensor.Zeros(1), Tensor.Zeros(1), 8, 8)).Holds);

    [Fact]
    public void BatchNormFailsWhenItIsSlower()
    {
        AccuracyCurve Curve(string label, long? steps) => new(label, [10, 20], [0.5, 0.95], 0.9, steps);
        Assert.False(BatchNormExperiment.Check(Curve("plain", 50), Curve("batch norm", 80)).Holds);
        Assert.False(BatchNormExperiment.Check(Curve("plain", 50), Curve("batch norm", null)).Holds);
        Assert.True(BatchNormExperiment.Check(Curve("plain", null), Curve("batch norm", 80)).Holds);
    }

    [Fact]
    public void EnsemblesFailWhenTheFormulaMissesTheMeasuredError() =>
        Assert.False(EnsemblesExperiment.Check(new BaggingResult(0.8, 0.5, [0.8, 0.65, 0.6], [0.8, 0.5, 0.4], 20)).Holds);

    [Fact]
    public void AdversarialFailsWhenAdversarialTrainingIsNoMoreRobust() =>
        Assert.False(AdversarialExperiment.Check(new AdversarialResult([0, 0.05, 0.1], [0.95, 0.6, 0.3], [0.93, 0.55, 0.32], Tensor.Zeros(1), [], 0, 0.1, "digits")).Holds);
}
