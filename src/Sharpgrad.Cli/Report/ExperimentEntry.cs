using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// One experiment as the report shows it: its catalogue entry, and its latest run when the runs folder has one.
/// </summary>
/// <param name="Folder">The page's folder name in the site: the run's folder name, which is the id for catalogue runs.</param>
/// <param name="Info">The catalogue entry (the run's own record of it when the experiment is no longer in the catalogue).</param>
/// <param name="Summary">The run's summary.json, or null when it has not been run (or its summary could not be read).</param>
/// <param name="RunDirectory">The run's folder, or null when it has not been run.</param>
/// <param name="Problem">Why a run folder's summary could not be read, or null.</param>
/// <param name="InCatalogue">Whether the current catalogue still has the experiment.</param>
public sealed record ExperimentEntry(string Folder, ExperimentInfo Info, ExperimentSummary? Summary, string? RunDirectory, string? Problem, bool InCatalogue)
{
    /// <summary>The command that runs it: the run's own (seed and mode included) or the plain one.</summary>
    public string Command => Summary?.Command ?? $"sharpgrad experiments run {Info.Id}";

    /// <summary>
    /// The catalogue's entries in order, each with its run from <paramref name="runsDirectory"/>/&lt;id&gt;/summary.json,
    /// then runs found there of experiments the catalogue no longer has, by folder name.
    /// </summary>
    public static IReadOnlyList<ExperimentEntry> Collect(IEnumerable<ExperimentInfo> catalogue, string runsDirectory)
    {
        var entries = catalogue.Select(info => Read(info.Id, info, runsDirectory, inCatalogue: true)).ToList();
        var known = entries.Select(e => e.Folder).ToHashSet();
        if (Directory.Exists(runsDirectory))
            foreach (var folder in Directory.GetDirectories(runsDirectory).Select(Path.GetFileName).OfType<string>()
                         .Where(f => !known.Contains(f) && File.Exists(Path.Combine(runsDirectory, f, ExperimentSummaryJson.FileName)))
                         .Order(StringComparer.Ordinal))
                entries.Add(Read(folder, null, runsDirectory, inCatalogue: false));
        return entries;
    }

    private static ExperimentEntry Read(string folder, ExperimentInfo? info, string runsDirectory, bool inCatalogue)
    {
        var directory = Path.Combine(runsDirectory, folder);
        var path = Path.Combine(directory, ExperimentSummaryJson.FileName);
        // A folder whose summary cannot be read and that the catalogue does not know: shown under its folder name.
        var shown = info ?? new ExperimentInfo(folder, folder, "(unknown)", [], "(the run's summary could not be read)", [], TimeSpan.Zero);
        if (!File.Exists(path))
            return new ExperimentEntry(folder, shown, null, null, null, inCatalogue);
        try
        {
            var summary = ExperimentSummaryJson.Read(path);
            return new ExperimentEntry(folder, info ?? summary.Info, summary, directory, null, inCatalogue);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return new ExperimentEntry(folder, shown, null, null, e.Message, inCatalogue);
        }
    }
}
