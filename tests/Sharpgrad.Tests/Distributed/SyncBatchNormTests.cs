namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: synchronised batch norm across two processes (TestProgram's SyncBatchNormScenario): 2 ranks × batch 16
/// against BatchNorm2d on batch 32 in one process, in float64, over two training passes and one in evaluation.
/// </summary>
public sealed class SyncBatchNormTests
{
    private static readonly Lazy<MpiRun> Run = new(() => MpiRun.Start("sync-batchnorm"));

    [FactNeedingMpi]
    public void TwoRanksOfBatch16GiveTheOutputsGradientsAndRunningStatisticsOfBatch32()
        => AssertMatches("sync");

    [FactNeedingMpi]
    public void ConvertSyncBatchNormSwitchesABatchNorm2dOverToTheGlobalBatch()
        => AssertMatches("converted");

    [FactNeedingMpi]
    public void DataParallelismRunsItsAllreducesAfterBackwardForAModelWithSynchronisedBatchNorm()
    {
        var run = Run.Value.AssertSucceeded();
        Assert.Equal("0", run.Value(0, "ddp-overlapped-buckets"));
        Assert.Equal("0", run.Value(1, "ddp-overlapped-buckets"));
    }

    private static void AssertMatches(string label)
    {
        var run = Run.Value.AssertSucceeded();
        for (int rank = 0; rank < 2; rank++)
        {
            foreach (int pass in new[] { 0, 1 })
                foreach (string quantity in new[] { "output", "input-grad", "weight-grad", "bias-grad" })
                    AssertSmall(run, rank, $"{label}-pass{pass}-{quantity}");
            foreach (string buffer in new[] { "running_mean", "running_var", "num_batches_tracked", "eval-output" })
                AssertSmall(run, rank, $"{label}-{buffer}");
            // The comparisons mean something only if the gradients and the running variance are far from 0 and 1.
            Assert.True(run.Numbers(rank, $"{label}-largest-gradient")[0] > 0.1);
            Assert.True(run.Numbers(rank, $"{label}-running-var-moved")[0] > 0.1);
        }
    }

    private static void AssertSmall(MpiRun run, int rank, string key)
    {
        double difference = run.Numbers(rank, key)[0];
        Assert.True(difference <= 1e-12, $"rank {rank}: {key} differs from one process with the global batch by {difference}");
    }
}
