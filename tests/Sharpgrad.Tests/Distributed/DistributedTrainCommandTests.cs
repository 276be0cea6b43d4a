using System.Globalization;

namespace Sharpgrad.Tests.Distributed;

/// <summary>
/// Issue #19: <c>mpirun -np 2 sharpgrad train --distributed</c> on the bundled digits for 1 epoch, against the same
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
            ["train", "--epochs", "1", "--hidden", "16", "--checkpoint-every", "1", "--out", Path.Combine(Root, folder), .. extra]);

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
        var distributed = Assert.Single(Metrics("two-ranks"));
        var alone = Assert.Single(Metrics("alone"));
        // Train loss and accuracy are summed over both ranks' shares, the test metrics computed on rank 0's replica.
        Assert.True(Math.Abs(distributed[1] - alone[1]) <= 1e-4 * alone[1], $"train loss {distributed[1]} vs {alone[1]} alone");
        Assert.True(Math.Abs(distributed[3] - alone[3]) <= 1e-4 * alone[3], $"test loss {distributed[3]} vs {alone[3]} alone");
        Assert.True(Math.Abs(distributed[2] - alone[2]) <= 0.01, $"train accuracy {distributed[2]} vs {alone[2]} alone");
        Assert.True(distributed[4] > 0.5, $"one epoch should take the test accuracy far above chance (0.1), got {distributed[4]}");
    }

    /// <summary>mpirun gives the ranks a terminal: without its escape sequences and line wrapping.</summary>
    private static string Plain(string text)
        => System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, @"\x1b(\[[0-9;?]*[A-Za-z]|[=>])", ""), @"\s+", " ");

    private static double[][] Metrics(string folder)
        => [.. File.ReadAllLines(Path.Combine(Root, folder, "metrics.csv")).Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
}
