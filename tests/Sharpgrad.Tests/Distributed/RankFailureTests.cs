namespace Sharpgrad.Tests.Distributed;

/// <summary>Issue #19: a rank that dies mid-job must end the job with an error naming it, not leave the others hanging.</summary>
public sealed class RankFailureTests
{
    [FactNeedingMpi]
    public void ARankThatExitsEarlyFailsTheJobInsteadOfHanging()
    {
        var run = MpiRun.Start("rank-exits-early", timeoutSeconds: 30);
        Assert.False(run.TimedOut, "the surviving rank hung waiting for the dead one:\n" + run.Output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("without MPI_Finalize", run.Value(1, "exiting"));
        Assert.DoesNotContain("0|finished", run.Output);
        // mpirun names the failed process ([[job,1],1] is rank 1) and its exit code.
        Assert.Contains("exited with non-zero status", run.Output);
        Assert.Matches(@"Process name: \[\[\d+,\d+\],1\]", run.Output);
    }
}
