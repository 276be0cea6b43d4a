using System.Globalization;
using System.Text.Json;
using Sharpgrad.IO;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// summary.json: the machine-readable record of a run, written atomically next to its figures. File names are stored
/// relative to the run's folder, so a folder of runs can be moved or published as it is. A key number that is not
/// finite is written as null (JSON has no NaN) and read back as NaN.
/// </summary>
/// <remarks>
/// Written and read with <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/> rather than the reflection
/// serializer, so the NativeAOT build of the CLI needs no generated context for it.
/// </remarks>
public static class ExperimentSummaryJson
{
    /// <summary>The file name in each experiment's folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>Writes <paramref name="summary"/> to <paramref name="directory"/>/summary.json; returns the path.</summary>
    public static string Write(string directory, ExperimentSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var info = summary.Info;
            json.WriteStartObject();
            json.WriteString("id", info.Id);
            json.WriteString("title", info.Title);
            json.WriteString("area", info.Area);
            WriteStrings(json, "references", info.References);
            json.WriteString("claim", info.Claim);
            WriteStrings(json, "tags", info.Tags);
            json.WriteNumber("typicalRunSeconds", info.TypicalRunTime.TotalSeconds);
            json.WriteNumber("seed", summary.Seed);
            json.WriteBoolean("quick", summary.Quick);
            json.WriteString("command", summary.Command);
            json.WriteNumber("elapsedSeconds", Math.Round(summary.Elapsed.TotalSeconds, 3));
            json.WriteString("finishedUtc", summary.FinishedUtc.ToString("O", CultureInfo.InvariantCulture));
            json.WriteBoolean("claimHolds", summary.Outcome.Check.Holds);
            json.WriteString("evidence", summary.Outcome.Check.Evidence);
            json.WriteStartArray("keyNumbers");
            foreach (var number in summary.Outcome.KeyNumbers)
            {
                json.WriteStartObject();
                json.WriteString("name", number.Name);
                if (double.IsFinite(number.Value)) json.WriteNumber("value", number.Value);
                else json.WriteNull("value");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WriteStrings(json, "files", [.. summary.Outcome.Files.Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))]);
            json.WriteEndObject();
        }
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        AtomicFile.WriteAllBytes(path, buffer.ToArray());
        return path;
    }

    /// <summary>Reads a summary.json; file names come back as full paths under the file's folder.</summary>
    /// <exception cref="InvalidDataException">The file is not a summary written by <see cref="Write"/>; the message names the file and the field.</exception>
    public static ExperimentSummary Read(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var info = new ExperimentInfo(
                Text(root, "id"), Text(root, "title"), Text(root, "area"), Strings(root, "references"), Text(root, "claim"),
                Strings(root, "tags"), TimeSpan.FromSeconds(Field(root, "typicalRunSeconds").GetDouble()));
            var numbers = Field(root, "keyNumbers").EnumerateArray()
                .Select(n => new KeyNumber(Text(n, "name"), Field(n, "value").ValueKind == JsonValueKind.Null ? double.NaN : Field(n, "value").GetDouble()))
                .ToArray();
            var files = Strings(root, "files").Select(f => Path.Combine(directory, f)).ToArray();
            var outcome = new ExperimentOutcome(files, numbers, new ClaimCheck(Field(root, "claimHolds").GetBoolean(), Text(root, "evidence")));
            return new ExperimentSummary(info, Field(root, "seed").GetInt32(), Field(root, "quick").GetBoolean(),
                TimeSpan.FromSeconds(Field(root, "elapsedSeconds").GetDouble()), outcome,
                DateTime.Parse(Text(root, "finishedUtc"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{path}: not an experiment summary ({e.Message}).", e);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    private static JsonElement Field(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"missing field '{name}'");

    private static string Text(JsonElement element, string name) =>
        Field(element, name).GetString() ?? throw new KeyNotFoundException($"field '{name}' is null");

    private static string[] Strings(JsonElement element, string name) =>
        [.. Field(element, name).EnumerateArray().Select(v => v.GetString() ?? throw new KeyNotFoundException($"a null in '{name}'"))];
}
