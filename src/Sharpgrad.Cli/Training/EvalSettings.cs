using System.Globalization;

namespace Sharpgrad.Cli.Training;

/// <summary>What <c>sharpgrad eval</c> was asked to do, already validated.</summary>
/// <param name="ModelFile">A model saved by <c>sharpgrad train</c>; the file exists (checked at parse time).</param>
/// <param name="Seed">
/// Seed of the train/test split. It must match the seed the model was trained with, or the "test"
/// examples would include ones the model was trained on.
/// </param>
public sealed record EvalSettings(string ModelFile, int Seed)
{
    /// <summary>The directory of the data set's files; null for the one recorded in the model file, else the data set's default.</summary>
    public string? DataRoot { get; init; }

    /// <summary>The settings as (option, value) pairs in command-line spelling, for printing.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Describe() =>
    [
        new("--model-file", ModelFile),
        new("--seed", Seed.ToString(CultureInfo.InvariantCulture)),
        .. (DataRoot is null ? [] : new KeyValuePair<string, string>[] { new("--data-root", DataRoot) }),
    ];
}
