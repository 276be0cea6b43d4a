using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// A run's settings, recorded in its folder (<see cref="FileName"/>) when it starts, so that <c>--resume</c> continues
/// the run it names rather than whatever the new command line says: the model, data set, seed (and so the train/test
/// split), optimiser, schedule and every hyper-parameter come from the record. Only <c>--epochs</c> may change, to
/// extend the run; any other option given with a value different from the record is rejected, naming it.
/// </summary>
public static class RecordedSettings
{
    public const string FileName = "run-settings.json";


    /// <summary>Writes <paramref name="settings"/> into its run folder (atomically).</summary>
    public static void Write(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var record = settings with { ResumeFrom = null };
        AtomicFile.WriteAllBytes(Path.Combine(settings.OutputDirectory, FileName), JsonSerializer.SerializeToUtf8Bytes(record, RecordedSettingsJson.Default.TrainSettings));
    }

    /// <summary>
    /// The settings to resume with: <paramref name="given"/> unchanged when it starts afresh, else the run folder's record
    /// with the given epochs (when <c>--epochs</c> was given). <paramref name="explicitOptions"/> are the options typed on
    /// the command line.
    /// </summary>
    public static TrainSettings ForResume(TrainSettings given, IReadOnlySet<string> explicitOptions)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(explicitOptions);
        if (given.ResumeFrom is not { } folder) return given;
        // Without a checkpoint there is nothing to resume: leave it to the checkpoint loader to say so.
        if (!File.Exists(Path.Combine(folder, Sharpgrad.Training.TrainingCheckpoint.FileName))) return given;
        var recorded = Read(folder);
        var mine = given.Describe().ToDictionary(p => p.Key, p => p.Value);
        var theirs = recorded.Describe().ToDictionary(p => p.Key, p => p.Value);
        foreach (var option in explicitOptions.Where(o => o is not ("--epochs" or "--resume")).Order(StringComparer.Ordinal))
        {
            string? wanted = mine.GetValueOrDefault(option), had = theirs.GetValueOrDefault(option);
            if (wanted != had)
                throw new ArgumentException(
                    $"--resume {folder}: {option} {wanted ?? "(off)"} conflicts with the run's recorded {option} {had ?? "(off)"}; "
                    + "a resumed run keeps its recorded settings (only --epochs may change), so drop the option or start a new run.");
        }
        return recorded with
        {
            Epochs = explicitOptions.Contains("--epochs") ? given.Epochs : recorded.Epochs,
            ResumeFrom = folder,
            OutputDirectory = folder,
            Distributed = given.Distributed,
        };
    }

    /// <summary>The options typed on the command line of <paramref name="parseResult"/> (not defaults).</summary>
    public static IReadOnlySet<string> ExplicitOptions(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.CommandResult.Children.OfType<OptionResult>().Where(r => !r.Implicit).Select(r => r.Option.Name).ToHashSet();
    }

    private static TrainSettings Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"--resume {folder}: the run folder has no {FileName}, so its settings cannot be restored; it was not written by this version of 'sharpgrad train'.", path);
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), RecordedSettingsJson.Default.TrainSettings)
                ?? throw new InvalidDataException($"{path}: empty settings record.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the run's settings record is damaged ({e.Message}).", e);
        }
    }
}
