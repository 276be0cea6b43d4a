using System.Globalization;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The model <c>sharpgrad train --model mlp</c> builds: Linear → ReLU (→ Dropout with <c>--dropout</c>) for each
/// hidden width, then a Linear to the classes (CLS §3: 64→32→10 has 2410 parameters). Its architecture travels
/// in the saved file's metadata, so <c>sharpgrad eval</c> can rebuild it from the file alone.
/// </summary>
public static class DigitsMlp
{
    public const int Inputs = 64;
    public const int Classes = 10;

    /// <param name="dropout">drop probability after each hidden ReLU; 0 adds no Dropout layers</param>
    /// <param name="dropoutGenerator">the source of the dropout masks (checkpoints save its state)</param>
    public static Sequential Build(IReadOnlyList<int> hidden, Generator generator, double dropout = 0, Generator? dropoutGenerator = null)
    {
        var layers = new List<Module>();
        int width = Inputs;
        foreach (var h in hidden)
        {
            layers.Add(new Linear(width, h, generator: generator));
            layers.Add(new ReLU());
            if (dropout > 0) layers.Add(new Dropout(dropout, dropoutGenerator));
            width = h;
        }
        layers.Add(new Linear(width, Classes, generator: generator));
        return new Sequential([.. layers]);
    }

    public static Dictionary<string, string> Metadata(IReadOnlyList<int> hidden, int seed, double dropout = 0) => new()
    {
        ["model"] = "mlp",
        ["dataset"] = "digits",
        ["hidden"] = string.Join(",", hidden.Select(h => h.ToString(CultureInfo.InvariantCulture))),
        ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["dropout"] = dropout.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The dropout probability recorded by <see cref="Metadata"/> (0 for files written before it was recorded). It
    /// matters for loading because Dropout layers shift the state-dict names of the layers after them.
    /// </summary>
    public static double DropoutFrom(IReadOnlyDictionary<string, string> metadata, string file)
    {
        if (!metadata.TryGetValue("dropout", out var text)) return 0;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p >= 0 && p < 1
            ? p
            : throw new InvalidDataException($"{file}: metadata 'dropout' = \"{text}\" is not a probability in [0, 1).");
    }

    /// <summary>The hidden widths recorded by <see cref="Metadata"/>, or a clear error for a file that lacks them.</summary>
    public static int[] HiddenFrom(IReadOnlyDictionary<string, string> metadata, string file)
    {
        if (!metadata.TryGetValue("model", out var model) || model != "mlp" || !metadata.TryGetValue("hidden", out var hidden))
            throw new InvalidDataException($"{file}: not a model saved by 'sharpgrad train' (its metadata lacks model=mlp and hidden).");
        try
        {
            return hidden.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(h => int.Parse(h, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"{file}: metadata 'hidden' = \"{hidden}\" is not a list of layer widths.");
        }
    }
}
