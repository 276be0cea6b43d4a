using System.Globalization;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: the Trainer with <c>DataParallel = ddp</c> across two processes (tests/Sharpgrad.Distributed.TestProgram,
/// TrainerCheckpointScenario), in float64: an uninterrupted 4-epoch run, against one process training alone with the
/// global batch; a checkpoint written at 2 ranks after 2 epochs, resumed at 2 ranks (same run) and at 1 rank (a second
/// run, started without mpirun), both continuing to 4 epochs.
/// </summary>
public sealed class TrainerCheckpointTests
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "sharpgrad-ddp-checkpoint-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<MpiRun> TwoRanks = new(() => MpiRun.Start("trainer-checkpoint", processes: 2, timeoutSeconds: 60, Directory));
    private static readonly Lazy<MpiRun> OneRank = new(() =>
    {
        TwoRanks.Value.AssertSucceeded(); // writes the checkpoint
        return MpiRun.Start("trainer-resume", processes: 0, timeoutSeconds: 40, Directory);
    });

    [FactNeedingMpi]
    public void TwoRanksTrainLikeOneProcessWithTheGlobalBatchThroughAnUnevenLastBatch()
    {
        var run = TwoRanks.Value.AssertSucceeded();
        Assert.Equal(run.Value(0, "uninterrupted"), run.Value(1, "uninterrupted")); // every rank applies the same averaged step
        double difference = run.Numbers(0, "alone-max-difference")[0];
        Assert.True(difference <= 1e-12, $"the data-parallel Trainer's parameters differ from one process's by {difference}");
        Assert.True(run.Numbers(0, "max-parameter")[0] > 0.1, "training should have moved the weights");
        // The metrics are summed over the ranks: both ranks record the global epoch losses and validation accuracies.
        Assert.Equal(run.Value(0, "uninterrupted-train-loss"), run.Value(1, "uninterrupted-train-loss"));
        var distributed = Epochs(run.Value(0, "uninterrupted-train-loss"));
        var alone = Epochs(run.Value(0, "alone-train-loss"));
        Assert.Equal(4, distributed.Length);
        for (int e = 0; e < 4; e++)
        {
            Assert.True(Math.Abs(distributed[e].Loss - alone[e].Loss) <= 1e-12, $"epoch {e + 1}: train loss {distributed[e].Loss} vs {alone[e].Loss} alone");
            Assert.Equal(alone[e].Accuracy, distributed[e].Accuracy); // a count of 15 validation examples, split 8 + 7
        }
    }

    [FactNeedingMpi]
    public void OnlyTheCheckpointItselfIsLeftInTheDirectory()
    {
        var run = TwoRanks.Value.AssertSucceeded();
        Assert.Equal("checkpoint.safetensors", run.Value(0, "checkpoint-files"));
        Assert.Equal("checkpoint.safetensors", run.Value(1, "checkpoint-files")); // visible to rank 1 once Fit returns
    }

    [FactNeedingMpi]
    public void ACheckpointWrittenAtTwoRanksResumesAtTwoRanksBitForBit()
    {
        var run = TwoRanks.Value.AssertSucceeded();
        for (int rank = 0; rank < 2; rank++)
        {
            Assert.Equal(run.Value(0, "uninterrupted"), run.Value(rank, "resumed"));
            Assert.Equal(run.Value(0, "uninterrupted-train-loss"), run.Value(rank, "resumed-train-loss"));
        }
    }

    [FactNeedingMpi]
    public void ACheckpointWrittenAtTwoRanksResumesInOneProcess()
    {
        var one = OneRank.Value.AssertSucceeded();
        var two = TwoRanks.Value;
        double[] expected = two.Numbers(0, "uninterrupted"), actual = one.Numbers(0, "resumed");
        Assert.Equal(expected.Length, actual.Length);
        double difference = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(difference <= 1e-12, $"resumed at 1 rank, the parameters differ from the uninterrupted 2-rank run's by {difference}");
        // The first two epochs come from the checkpoint's history; the last two were trained by one process.
        var resumed = Epochs(one.Value(0, "resumed-train-loss"));
        var uninterrupted = Epochs(two.Value(0, "uninterrupted-train-loss"));
        Assert.Equal(uninterrupted[..2], resumed[..2]);
        Assert.True(Math.Abs(uninterrupted[3].Loss - resumed[3].Loss) <= 1e-12);
    }

    private static (double Loss, double Accuracy)[] Epochs(string text)
        => [.. text.Split(' ').Select(e => e.Split('/')).Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
}
