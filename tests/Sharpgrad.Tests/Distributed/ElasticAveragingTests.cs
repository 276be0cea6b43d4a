using Sharpgrad.Distributed;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: EASGD (Zhang, Choromanska &amp; LeCun 2015; NYU §4.7.6) across two processes (TestProgram's
/// ElasticAveragingScenario), and its argument checks in one process.
/// </summary>
public sealed class ElasticAveragingTests
{
    private static readonly Lazy<MpiRun> Run = new(() => MpiRun.Start("easgd"));

    [FactNeedingMpi]
    public void OneExchangePullsTheReplicasAndTheCentreTogetherByAlpha()
    {
        var run = Run.Value.AssertSucceeded();
        // τ = 3: the first two steps leave the replicas at r + 1.
        Assert.Equal([1.0], run.Numbers(0, "after-2-steps"));
        Assert.Equal([2.0], run.Numbers(1, "after-2-steps"));
        // α = 1/4, centre 0: x_0 = 1 − 1/4 = 0.75, x_1 = 2 − 2/4 = 1.5, x̃ = 0 + (1 + 2)/4 = 0.75 (exact in binary).
        Assert.Equal([0.75], run.Numbers(0, "after-3-steps"));
        Assert.Equal([1.5], run.Numbers(1, "after-3-steps"));
        Assert.Equal([0.75], run.Numbers(0, "center-after-3-steps"));
        Assert.Equal([0.75], run.Numbers(1, "center-after-3-steps"));
        Assert.Equal("1", run.Value(0, "exchanges"));
    }

    [FactNeedingMpi]
    public void TheCentreLearnsFromReplicasTrainedOnDisjointHalves()
    {
        var run = Run.Value.AssertSucceeded();
        run.AssertFell(0, "center-loss-before", "center-loss-after", factor: 20);
        Assert.Equal(run.Value(0, "center"), run.Value(1, "center")); // every rank holds the same centre
        Assert.NotEqual(run.Value(0, "replica"), run.Value(1, "replica")); // the replicas are tied elastically, not equal
    }

    [Fact]
    public void BadMovingRateOrPeriodIsRefusedWithTheValue()
    {
        var model = new Linear(1, 1);
        Assert.Contains("α = ηρ must lie in (0, 1), got 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticAveraging(model, Communicator.World, alpha: 1.5)).Message);
        Assert.Contains("τ must be at least 1 step, got 0", Assert.Throws<ArgumentOutOfRangeException>(() => new ElasticAveraging(model, Communicator.World, period: 0)).Message);
    }
}
