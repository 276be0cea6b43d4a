using System.Diagnostics;
using Spectre.Console;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// Runs catalogue experiments the same way for the CLI and the tests: each into its own folder under a root, with the
/// given seed (or its default) and mode, timed, and recorded in the folder's summary.json.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs <paramref name="experiment"/> into <paramref name="rootDirectory"/>/&lt;id&gt;.</summary>
    public static ExperimentSummary Run(IExperiment experiment, string rootDirectory, IAnsiConsole console, int? seed = null, bool quick = false)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var info = experiment.Info;
        var directory = Path.Combine(rootDirectory, info.Id);
        int runSeed = seed ?? info.DefaultSeed;
        var clock = Stopwatch.StartNew();
        var outcome = experiment.Run(new ExperimentContext(directory, console, runSeed, quick));
        var summary = new ExperimentSummary(info, runSeed, quick, clock.Elapsed, outcome, DateTime.UtcNow);
        ExperimentSummaryJson.Write(directory, summary);
        return summary;
    }
}
