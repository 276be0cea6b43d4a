using System.Text.Json.Serialization;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The JSON shape of <see cref="RecordedSettings"/>, generated at compile time (System.Text.Json source generation)
/// rather than found by reflection at run time, so the same code works in the NativeAOT build, where reflection over
/// trimmed types is not available. Enums are written by name, indented, as before.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TrainSettings))]
internal sealed partial class RecordedSettingsJson : JsonSerializerContext;
