namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: a two-stage GPipe-style pipeline across two processes (TestProgram's PipelineScenario) gives the
/// gradient of one process running the whole model, for 1, 3 and 4 micro-batches of a batch of 11.
/// </summary>
public sealed class PipelineTests
{
    private static readonly Lazy<MpiRun> Run = new(() => MpiRun.Start("pipeline"));

    [FactNeedingMpi]
    public void EachStageGetsTheWholeModelsGradientForItsParameters()
    {
        var run = Run.Value.AssertSucceeded();
        foreach (int micro in new[] { 1, 3, 4 })
        {
            for (int rank = 0; rank < 2; rank++)
            {
                double difference = run.Numbers(rank, $"micro{micro}-gradient-difference")[0];
                Assert.True(difference <= 1e-12, $"{micro} micro-batches, rank {rank}: gradients differ by {difference}");
            }
            Assert.True(run.Numbers(1, $"micro{micro}-loss-difference")[0] <= 1e-12);
        }
        Assert.True(run.Numbers(0, "largest-gradient")[0] > 0.01);
        Assert.True(run.Numbers(1, "largest-gradient")[0] > 0.01);
    }
}
