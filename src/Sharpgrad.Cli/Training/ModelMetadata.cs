using System.Globalization;
using Sharpgrad.Cli.Commands;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// What <c>sharpgrad eval</c> needs to rebuild a model saved by <c>sharpgrad train</c>, stored as string metadata in
/// the safetensors file: the architecture (<c>model</c>, and for an MLP <c>hidden</c> and <c>dropout</c>, since
/// Dropout layers shift the state-dict names of the layers after them), the data set it was trained on
/// (<c>dataset</c>, plus <c>data_root</c> when one was given) and the split's <c>seed</c>.
/// </summary>
public sealed record ModelMetadata(ModelKind Model, DatasetKind Dataset, IReadOnlyList<int> Hidden, int Seed, double Dropout = 0, string? DataRoot = null)
{
    /// <summary>The metadata of a run with <paramref name="settings"/>; hidden widths and dropout only for an MLP, the only model that uses them.</summary>
    public static ModelMetadata Of(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        bool mlp = settings.Model == ModelKind.Mlp;
        return new(settings.Model, settings.Dataset, mlp ? settings.HiddenSizes : [], settings.Seed, mlp ? settings.Dropout : 0,
            settings.DataRoot is null ? null : Path.GetFullPath(settings.DataRoot));
    }

    public Dictionary<string, string> ToDictionary()
    {
        var metadata = new Dictionary<string, string>
        {
            ["model"] = OptionParsers.ChoiceName(Model),
            ["dataset"] = OptionParsers.ChoiceName(Dataset),
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (Model == ModelKind.Mlp)
        {
            metadata["hidden"] = string.Join(",", Hidden.Select(h => h.ToString(CultureInfo.InvariantCulture)));
            metadata["dropout"] = Dropout.ToString("R", CultureInfo.InvariantCulture);
        }
        if (DataRoot is not null) metadata["data_root"] = DataRoot;
        return metadata;
    }

    /// <summary>
    /// Reads the metadata written by <see cref="ToDictionary"/>, or throws naming <paramref name="file"/> and the key
    /// at fault. Files written before the data set and dropout were recorded read as digits and 0.
    /// </summary>
    public static ModelMetadata Parse(IReadOnlyDictionary<string, string> metadata, string file)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue("model", out var modelName) || !TryChoice(modelName, out ModelKind model))
            throw new InvalidDataException($"{file}: not a model saved by 'sharpgrad train' (its metadata lacks model = one of {Choices<ModelKind>()}).");
        DatasetKind dataset = DatasetKind.Digits;
        if (metadata.TryGetValue("dataset", out var datasetName) && !TryChoice(datasetName, out dataset))
            throw new InvalidDataException($"{file}: metadata 'dataset' = \"{datasetName}\" is not one of {Choices<DatasetKind>()}.");
        int seed = 0;
        if (metadata.TryGetValue("seed", out var seedText) && !int.TryParse(seedText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out seed))
            throw new InvalidDataException($"{file}: metadata 'seed' = \"{seedText}\" is not an integer.");
        if (model != ModelKind.Mlp)
            return new(model, dataset, [], seed, 0, metadata.GetValueOrDefault("data_root"));
        return new(model, dataset, HiddenFrom(metadata, file), seed, DropoutFrom(metadata, file), metadata.GetValueOrDefault("data_root"));
    }

    private static int[] HiddenFrom(IReadOnlyDictionary<string, string> metadata, string file)
    {
        if (!metadata.TryGetValue("hidden", out var hidden))
            throw new InvalidDataException($"{file}: not a model saved by 'sharpgrad train' (its metadata has model=mlp but lacks hidden).");
        var widths = hidden.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => int.TryParse(h, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int w) && w > 0 ? w : -1)
            .ToArray();
        if (widths.Length == 0 || widths.Contains(-1))
            throw new InvalidDataException($"{file}: metadata 'hidden' = \"{hidden}\" is not a list of positive layer widths (e.g. 64,32).");
        return widths;
    }

    private static double DropoutFrom(IReadOnlyDictionary<string, string> metadata, string file)
    {
        if (!metadata.TryGetValue("dropout", out var text)) return 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && p < 1
            ? p
            : throw new InvalidDataException($"{file}: metadata 'dropout' = \"{text}\" is not a probability in [0, 1).");
    }

    private static bool TryChoice<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (OptionParsers.ChoiceName(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Choices<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", OptionParsers.ChoiceNames<TEnum>());
}
