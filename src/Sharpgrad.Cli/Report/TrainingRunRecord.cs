using System.Text.Json;
using Sharpgrad.Cli.Plots;
using Sharpgrad.Cli.Training;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// What the report shows of one <c>sharpgrad train</c> run folder: its per-epoch metrics, its recorded settings as
/// command-line options, the command that repeats it, its figures, and any file it could not read (the page says so
/// rather than the report failing: a run killed mid-epoch or written by an older version still gets a page).
/// </summary>
/// <param name="Name">The folder's name.</param>
/// <param name="Directory">The folder.</param>
/// <param name="Metrics">One row per finished epoch (empty without <c>metrics.csv</c>).</param>
/// <param name="Settings">The recorded options, as <see cref="TrainSettings.Describe"/> gives them (empty without a record).</param>
/// <param name="Figures">The PNG files in the folder: the known ones first (curves, confusion, activations, filters), then any others.</param>
/// <param name="Problems">One sentence per file that was missing or unreadable.</param>
public sealed record TrainingRunRecord(
    string Name,
    string Directory,
    IReadOnlyList<EpochMetrics> Metrics,
    IReadOnlyList<KeyValuePair<string, string>> Settings,
    IReadOnlyList<string> Figures,
    IReadOnlyList<string> Problems)
{
    /// <summary>The figures <c>sharpgrad train</c> writes, in the order the page shows them.</summary>
    public static readonly string[] KnownFigures =
        [TrainingCurvesPlot.FileName, ConfusionMatrixPlot.FileName, TrainJob.ActivationsFileName, FiltersPlot.FileName];

    /// <summary>Whether <paramref name="directory"/> looks like a training run: it has metrics or a settings record.</summary>
    public static bool IsRun(string directory) =>
        File.Exists(Path.Combine(directory, MetricsCsv.FileName)) || File.Exists(Path.Combine(directory, RecordedSettings.FileName));

    /// <summary>Every training run directly under <paramref name="runsDirectory"/>, by name; none if it does not exist.</summary>
    public static IReadOnlyList<TrainingRunRecord> ReadAll(string runsDirectory) =>
        System.IO.Directory.Exists(runsDirectory)
            ? [.. System.IO.Directory.GetDirectories(runsDirectory).Where(IsRun).Order(StringComparer.Ordinal).Select(Read)]
            : [];

    /// <summary>Reads one run folder.</summary>
    public static TrainingRunRecord Read(string directory)
    {
        var problems = new List<string>();
        var metricsPath = Path.Combine(directory, MetricsCsv.FileName);
        IReadOnlyList<EpochMetrics> metrics = [];
        if (!File.Exists(metricsPath)) problems.Add($"no {MetricsCsv.FileName}: the run has not finished an epoch.");
        else
            try { metrics = MetricsCsv.Read(metricsPath); }
            catch (Exception e) when (e is InvalidDataException or IOException) { problems.Add(e.Message); }

        var settingsPath = Path.Combine(directory, RecordedSettings.FileName);
        IReadOnlyList<KeyValuePair<string, string>> settings = [];
        if (!File.Exists(settingsPath)) problems.Add($"no {RecordedSettings.FileName}: the settings were not recorded (an older version of 'sharpgrad train').");
        else
            try
            {
                settings = JsonSerializer.Deserialize(File.ReadAllBytes(settingsPath), RecordedSettingsJson.Default.TrainSettings)?.Describe()
                    ?? throw new JsonException("the record is empty");
            }
            catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
            {
                problems.Add($"{RecordedSettings.FileName} could not be read ({e.Message}).");
            }

        var pngs = System.IO.Directory.GetFiles(directory, "*.png").Select(Path.GetFileName).OfType<string>().ToHashSet();
        var figures = KnownFigures.Where(pngs.Contains).Concat(pngs.Except(KnownFigures).Order(StringComparer.Ordinal)).ToList();
        return new TrainingRunRecord(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), directory, metrics, settings, figures, problems);
    }

    /// <summary>The command that repeats the run, or null without a settings record.</summary>
    public string? Command => Settings.Count == 0
        ? null
        : string.Join(' ', ["sharpgrad", "train", .. Settings.Where(s => s.Key != "--resume").SelectMany(s => new[] { s.Key, ShellWord.Quote(s.Value) })]);
}
