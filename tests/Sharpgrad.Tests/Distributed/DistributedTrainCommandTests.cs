using System.Globalization;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: <c>mpirun -np 2 sharpgrad train --distributed</c> on the bundled digits for 2 epochs, against the same
/// command in one process without mpirun. Rank 0 alone prints and writes the run folder; the metrics (summed over
/// the ranks) follow the single-process run's up to float32 rounding.
/// </summary>
public sealed class DistributedTrainCommandTests
{
    private const string Cli = "Sharpgrad.Cli.dll";
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "sharpgrad-train-distributed-" + Guid.NewGuid().ToString("N"));
    private static readonly Lazy<MpiRun> TwoRanks = new(() => Train(processes: 2, "two-ranks", "--distributed"));
    private static readonly Lazy<MpiRun> Alone = new(() => Train(processes: 0, "alone"));

    private static MpiRun Train(int processes, string folder, params string[] extra)
        => MpiRun.StartProgram(Cli, processes, timeoutSeconds: 90,
            ["train", "--epochs", "2", "--checkpoint-every", "1", "--out", Path.Combine(Root, folder), .. extra]);

    [FactNeedingMpi]
    public void RankZeroAlonePrintsAndWritesTheRunFolder()
    {
        var run = TwoRanks.Value.AssertSucceeded();
        Assert.Equal(2, run.RankOutputs.Count);
        string main = Plain(run.RankOutputs[0]);
        Assert.Contains("on 2 processes (each batch of 32 split among them)", main);
        Assert.Contains("Final test accuracy", main);
        Assert.Equal("", Plain(run.RankOutputs[1]).Trim()); // .NET writes a terminal set-up sequence, nothing else
        foreach (string file in new[] { "metrics.csv", "model.safetensors", "checkpoint.safetensors", "run-settings.json" })
            Assert.True(File.Exists(Path.Combine(Root, "two-ranks", file)), $"{file} is missing");
    }

    [FactNeedingMpi]
    public void TheMetricsFollowTheSingleProcessRun()
    {
        TwoRanks.Value.AssertSucceeded();
        Alone.Value.AssertSucceeded();
        var distributed = Metrics("two-ranks");
        var alone = Metrics("alone");
        Assert.Equal(2, distributed.Length);
        for (int e = 0; e < 2; e++)
        {
            // Train loss and accuracy are summed over both ranks' shares, the test metrics computed on rank 0's replica.
            Assert.True(Math.Abs(distributed[e][1] - alone[e][1]) <= 1e-4 * alone[e][1], $"epoch {e + 1}: train loss {distributed[e][1]} vs {alone[e][1]}");
            Assert.True(Math.Abs(distributed[e][3] - alone[e][3]) <= 1e-4 * alone[e][3], $"epoch {e + 1}: test loss {distributed[e][3]} vs {alone[e][3]}");
            Assert.True(Math.Abs(distributed[e][2] - alone[e][2]) <= 0.01, $"epoch {e + 1}: train accuracy {distributed[e][2]} vs {alone[e][2]}");
        }
        Assert.True(distributed[1][1] < distributed[0][1], "the train loss should fall");
    }

    /// <summary>mpirun gives the ranks a terminal: without its escape sequences and line wrapping.</summary>
    private static string Plain(string text)
        => System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, @"\x1b(\[[0-9;?]*[A-Za-z]|[=>])", ""), @"\s+", " ");

    private static double[][] Metrics(string folder)
        => [.. File.ReadAllLines(Path.Combine(Root, folder, "metrics.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
}
