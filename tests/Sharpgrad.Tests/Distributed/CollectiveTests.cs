namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: the communicator's collectives across two processes. One mpirun run of the "collectives" scenario serves
/// every test; each rank's tensors are built from its rank, so each result has a closed form worked out here.
/// </summary>
public sealed class CollectiveTests
{
    private static readonly Lazy<MpiRun> Run = new(() => MpiRun.Start("collectives"));

    private static MpiRun Succeeded() => Run.Value.AssertSucceeded();

    [FactNeedingMpi]
    public void BothRanksSeeAWorldOfTwo()
    {
        var run = Succeeded();
        Assert.Equal("2", run.Value(0, "size"));
        Assert.Equal("2", run.Value(1, "size"));
        Assert.Equal("ok", run.Value(1, "done"));
    }

    [FactNeedingMpi]
    public void AllReduceSumsAndAverages()
    {
        var run = Succeeded();
        for (int rank = 0; rank < 2; rank++)
        {
            // rank r holds [r+1, 2(r+1)]: the sums over r = 0, 1 are [1+2, 2+4].
            Assert.Equal([3.0, 6.0], run.Numbers(rank, "allreduce-sum-f32"));
            // rank r holds [r+1, 10r]: the means are [(1+2)/2, (0+10)/2].
            Assert.Equal([1.5, 5.0], run.Numbers(rank, "allreduce-mean-f64"));
        }
    }

    [FactNeedingMpi]
    public void BroadcastCopiesTheRootsValues()
    {
        var run = Succeeded();
        for (int rank = 0; rank < 2; rank++)
        {
            // The root is rank 1, whose matrix is [[1, 1.5], [-1, 7]].
            Assert.Equal([1.0, 1.5, -1.0, 7.0], run.Numbers(rank, "broadcast-from-last"));
            // Rank 0's int64 values [100·0 + 1, -5].
            Assert.Equal([1.0, -5.0], run.Numbers(rank, "broadcast-int64"));
        }
    }

    [FactNeedingMpi]
    public void AllGatherStacksInRankOrder()
    {
        var run = Succeeded();
        for (int rank = 0; rank < 2; rank++)
        {
            Assert.Equal("[2, 2]", run.Value(rank, "allgather-shape"));
            Assert.Equal([0.0, 0.25, 1.0, 1.25], run.Numbers(rank, "allgather"));
        }
    }

    [FactNeedingMpi]
    public void ReduceScatterGivesEachRankItsBlockOfTheSum()
    {
        // rank r holds [[1, 2], [3, 4]]·(r+1); the sum is [[3, 6], [9, 12]], and rank r gets row r.
        var run = Succeeded();
        Assert.Equal([3.0, 6.0], run.Numbers(0, "reducescatter"));
        Assert.Equal([9.0, 12.0], run.Numbers(1, "reducescatter"));
    }

    [FactNeedingMpi]
    public void SendAndReceiveMoveATensor()
        => Assert.Equal([1.5, -2.5, 3.25, 4.0], Succeeded().Numbers(1, "received"));

    [FactNeedingMpi]
    public void AFinalizedWorldRefusesFurtherCallsWithAClearError()
    {
        var run = Succeeded();
        for (int rank = 0; rank < 2; rank++)
            Assert.Contains($"rank {rank} of 2 was disposed (MPI_Finalize)", run.Value(rank, "after-dispose"));
    }

    [FactNeedingMpi]
    public void AnMpiErrorBecomesAnExceptionNamingTheCallAndRank()
    {
        string message = Succeeded().Value(0, "invalid-tag");
        Assert.Contains("MPI_Send", message);
        Assert.Contains("rank 0 of 2", message);
        Assert.Contains("MPI_ERR_TAG", message);
    }
}
