using Sharpgrad.Distributed;
using Sharpgrad.NN;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: asynchronous SGD with a parameter server (GBC §12.1.3, Dean et al. 2012) on three processes: rank 0
/// serves, ranks 1 and 2 push gradients of their own halves of a least-squares problem (TestProgram's
/// ParameterServerScenario). The order of the updates depends on timing, so the checks are those that hold for any order.
/// </summary>
public sealed class ParameterServerTests
{
    private static readonly Lazy<MpiRun> Run = new(() => MpiRun.Start("parameter-server", processes: 3));

    [FactNeedingMpi]
    public void TheServerAppliesEveryWorkersGradientsAndReportsTheirStaleness()
    {
        var run = Run.Value.AssertSucceeded();
        long[] staleness = [.. run.Value(0, "staleness").Split(' ').Select(long.Parse)];
        Assert.Equal(80, staleness.Length); // 2 workers × 40 steps
        Assert.Equal(0, staleness[0]);      // the first push was computed at the parameters every worker pulled first
        Assert.All(staleness, s => Assert.InRange(s, 0, 79));
        Assert.Equal("0", run.Value(1, "worker-updates"));
    }

    [FactNeedingMpi]
    public void AsynchronousSgdFitsTheProblemAndEveryRankEndsWithTheServersParameters()
    {
        var run = Run.Value.AssertSucceeded();
        run.AssertFell(0, "loss-before", "loss-after", factor: 20);
        Assert.Equal(run.Value(0, "weight"), run.Value(1, "weight"));
        Assert.Equal(run.Value(0, "weight"), run.Value(2, "weight"));
    }

    [Fact]
    public void AWorldOfOneHasNoWorkerAndIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ParameterServer(new Linear(1, 1), Communicator.World, 0.1));
        Assert.Contains("needs a server and at least one worker, but the world has 1 process", e.Message);
    }
}
