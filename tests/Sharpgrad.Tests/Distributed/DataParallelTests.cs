namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: data parallelism across two processes. One mpirun run of the "data-parallel" scenario serves every test:
/// the ranks initialise their models from different seeds, DistributedDataParallel broadcasts rank 0's, and 2 ranks ×
/// batch 32 train with SGD (momentum 0.9, 2 epochs of 4 steps), with the allreduces overlapped with backward and
/// without, against one process × batch 64 trained by rank 0 alone.
/// </summary>
public sealed class DataParallelTests
{
    private static readonly Lazy<MpiRun> Run = new(() => MpiRun.Start("data-parallel"));

    private static MpiRun Succeeded() => Run.Value.AssertSucceeded();

    [FactNeedingMpi]
    public void BroadcastMakesTheInitialWeightsAndBuffersThoseOfRankZero()
    {
        var run = Succeeded();
        Assert.NotEqual(run.Value(0, "weight-before"), run.Value(1, "weight-before")); // different seeds drew different weights
        Assert.Equal(run.Value(0, "weight-before"), run.Value(0, "weight-after"));
        Assert.Equal(run.Value(0, "weight-before"), run.Value(1, "weight-after"));
        // Each rank set its running mean to rank + 1; rank 0's 1s win.
        Assert.Equal([1.0, 1.0, 1.0], run.Numbers(0, "running-mean-after"));
        Assert.Equal([1.0, 1.0, 1.0], run.Numbers(1, "running-mean-after"));
    }

    [FactNeedingMpi]
    public void TwoRanksOfBatch32TrainLikeOneProcessOfBatch64InFloat32()
        => AssertEquivalent("f32", tolerance: 1e-6);

    [FactNeedingMpi]
    public void TwoRanksOfBatch32TrainLikeOneProcessOfBatch64InFloat64()
        => AssertEquivalent("f64", tolerance: 1e-12);

    private static void AssertEquivalent(string label, double tolerance)
    {
        var run = Succeeded();
        Assert.Equal("true", run.Value(0, $"{label}-ranks-identical"));
        Assert.Equal("true", run.Value(0, $"{label}-overlap-equals-sync"));
        Assert.True(int.Parse(run.Value(0, $"{label}-buckets"), System.Globalization.CultureInfo.InvariantCulture) > 1, "the small bucket cap should give several buckets");
        double difference = run.Numbers(0, $"{label}-max-difference")[0];
        Assert.True(difference <= tolerance, $"{label}: the data-parallel parameters differ from the single-process ones by {difference}");
        // The comparison means something only if training moved the weights far from 0.
        Assert.True(run.Numbers(0, $"{label}-max-parameter")[0] > 0.1);
    }

    [FactNeedingMpi]
    public void AllreducesStartDuringBackwardUnlessOverlapIsOff()
    {
        var run = Succeeded();
        foreach (string label in new[] { "f32", "f64" })
            for (int rank = 0; rank < 2; rank++)
            {
                // Every parameter gets a gradient, so backward's observers launch every bucket before SynchronizeGradients.
                Assert.Equal(run.Value(rank, $"{label}-buckets"), run.Value(rank, $"{label}-overlapped-buckets"));
                Assert.Equal("0", run.Value(rank, $"{label}-sync-overlapped-buckets"));
            }
    }

    [FactNeedingMpi]
    public void ASecondBackwardBeforeSynchronizingIsAClearErrorAndTheNextSynchronizationRecovers()
    {
        var run = Succeeded();
        for (int rank = 0; rank < 2; rank++)
        {
            Assert.Contains("a second backward pass reached the parameter of shape [3] before SynchronizeGradients", run.Value(rank, "f32-second-backward"));
            Assert.Equal("yes", run.Value(rank, "f32-recovered"));
        }
    }

    [FactNeedingMpi]
    public void ShardsCoverEveryExampleOncePerEpochAcrossProcesses()
    {
        var run = Succeeded();
        foreach (int epoch in new[] { 0, 1 })
        {
            foreach (string mode in new[] { "pad", "drop" })
                Assert.Equal(Enumerable.Range(0, 12).Select(i => (double)i), run.Numbers(0, $"shards-n12-{mode}-epoch{epoch}").Order());

            // 11 examples on 2 ranks: padding repeats the permutation's first example (rank 0's first) as rank 1's last.
            double[] padded = run.Numbers(0, $"shards-n11-pad-epoch{epoch}");
            Assert.Equal(12, padded.Length);
            Assert.Equal(Enumerable.Range(0, 11).Select(i => (double)i), padded.Distinct().Order());
            Assert.Equal(padded[0], padded[^1]);

            // dropLast reads 5 per rank: 10 distinct examples.
            double[] dropped = run.Numbers(0, $"shards-n11-drop-epoch{epoch}");
            Assert.Equal(10, dropped.Length);
            Assert.Equal(10, dropped.Distinct().Count());
        }
        Assert.NotEqual(run.Value(0, "shards-n12-pad-epoch0"), run.Value(0, "shards-n12-pad-epoch1")); // each epoch reshuffles
    }
}
