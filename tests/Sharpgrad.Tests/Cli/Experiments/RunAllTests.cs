using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Sharpgrad.Data;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>How `experiments run` treats runs that fail, claims that do not hold, and data that is not installed.</summary>
public sealed class RunAllTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "sharpgrad-runall-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    /// <summary>An experiment that does what it is told: hold, not hold, or throw.</summary>
    private sealed class Scripted(string id, Func<ClaimCheck> outcome) : IExperiment
    {
        public ExperimentInfo Info { get; } = new(id, id, Areas.Optimization, ["GBC §8.1"], "A claim.", ["test"], TimeSpan.FromSeconds(1));

        public ExperimentOutcome Run(ExperimentContext context) => new([], [new("x", 1)], outcome());
    }

    private static Scripted Holds(string id) => new(id, () => new ClaimCheck(true, "fine"));

    private (int Exit, string Output) RunAll(bool all, params IExperiment[] experiments)
    {
        var console = new TestConsole { Profile = { Width = 300 } };
        int exit = ExperimentsCommand.RunAll(experiments, root, seed: null, quick: true, skipMissingData: all, console);
        return (exit, console.Output);
    }

    [Fact]
    public void AnExperimentThatThrowsFailsAloneAndTheOthersStillRun()
    {
        var (exit, output) = RunAll(true, new Scripted("broken", () => throw new InvalidCastException("a bug")), Holds("after"));
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains("InvalidCastException: a bug", output);
        Assert.True(File.Exists(Path.Combine(root, "after", ExperimentSummaryJson.FileName)));
        Assert.False(File.Exists(Path.Combine(root, "broken", ExperimentSummaryJson.FileName)));
    }

    [Fact]
    public void AClaimThatDoesNotHoldMakesTheExitCodeOne()
    {
        var (exit, output) = RunAll(false, new Scripted("wrong", () => new ClaimCheck(false, "the numbers disagree")), Holds("right"));
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains("does not hold", output);
        Assert.False(ExperimentSummaryJson.Read(Path.Combine(root, "wrong", ExperimentSummaryJson.FileName)).Outcome.Check.Holds);
    }

    [Fact]
    public void MissingDataIsSkippedUnderAllButFailsWhenNamed()
    {
        IExperiment NeedsPackage() => new Scripted("needs-data", () => throw MissingData.Mark(new FileNotFoundException("not installed (apt-get install x)"), "x"));
        var (allExit, allOutput) = RunAll(true, NeedsPackage(), Holds("other"));
        Assert.Equal(0, allExit);
        Assert.Contains("skipped", allOutput);
        Assert.Equal(SharpgradCommandLine.JobFailed, RunAll(false, NeedsPackage()).Exit);
        // Any other missing file is a failure even under --all.
        Assert.Equal(SharpgradCommandLine.JobFailed, RunAll(true, new Scripted("bug", () => throw new FileNotFoundException("typo in a path"))).Exit);
    }

    [Fact]
    public void AFailedRerunLeavesNoStaleSummary()
    {
        var flaky = true;
        var experiment = new Scripted("flaky", () => flaky ? new ClaimCheck(true, "first") : throw new InvalidOperationException("second run broke"));
        Assert.Equal(0, RunAll(false, experiment).Exit);
        Assert.True(File.Exists(Path.Combine(root, "flaky", ExperimentSummaryJson.FileName)));
        flaky = false;
        Assert.Equal(SharpgradCommandLine.JobFailed, RunAll(false, experiment).Exit);
        Assert.False(File.Exists(Path.Combine(root, "flaky", ExperimentSummaryJson.FileName)));
    }
}
