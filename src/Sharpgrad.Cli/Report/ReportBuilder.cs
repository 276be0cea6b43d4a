using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Cli.Report;

/// <summary>What <see cref="ReportBuilder.Build"/> wrote and found.</summary>
/// <param name="IndexPath">The front page.</param>
/// <param name="Files">Every file written (pages and copied figures and tables).</param>
/// <param name="Experiments">The experiments shown, run or not.</param>
/// <param name="TrainingRuns">The training runs shown.</param>
public sealed record ReportResult(string IndexPath, IReadOnlyList<string> Files, IReadOnlyList<ExperimentEntry> Experiments, IReadOnlyList<TrainingRunRecord> TrainingRuns);

/// <summary>
/// Builds the static HTML report: the catalogue's experiments with their runs (from the experiments' runs folder),
/// the training runs, one page each and an index. The site is self-contained: figures and tables are copied in, the
/// style sheet is inline, and links are relative, so the folder can be opened offline, moved or published as it is.
/// Files already in the output folder are replaced, not deleted.
/// </summary>
public static class ReportBuilder
{
    /// <param name="catalogue">The experiments to list, in order (normally <see cref="ExperimentRegistry.All"/>'s entries).</param>
    /// <param name="experimentRuns">The root that <c>sharpgrad experiments run</c> wrote into (one folder per id).</param>
    /// <param name="trainingRuns">The folder holding <c>sharpgrad train</c>'s run folders.</param>
    /// <param name="outputDirectory">Where the site goes.</param>
    public static ReportResult Build(IEnumerable<ExperimentInfo> catalogue, string experimentRuns, string trainingRuns, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        if (File.Exists(outputDirectory))
            throw new IOException($"report --out '{outputDirectory}' is an existing file; expected a directory for the site.");
        var experiments = ExperimentEntry.Collect(catalogue, experimentRuns);
        var runs = TrainingRunRecord.ReadAll(trainingRuns);
        var site = new ReportSite(outputDirectory);
        foreach (var entry in experiments) ExperimentPage.Write(site, entry);
        foreach (var run in runs) TrainingRunPage.Write(site, run);
        IndexPage.Write(site, experiments, runs);
        return new ReportResult(Path.Combine(outputDirectory, ReportLayout.PageFile), site.Files, experiments, runs);
    }
}
