using System.Globalization;
using System.Text.Json;
using Sharpgrad.Training;

namespace Sharpgrad.Cli.Training;

/// <summary>How the trials of a search are generated.</summary>
public enum SearchMethod
{
    /// <summary>Every combination of the listed values (GBC §11.4.3).</summary>
    Grid,

    /// <summary>Independent draws from each parameter's distribution (GBC §11.4.4).</summary>
    Random,
}

/// <summary>
/// A hyper-parameter search read from the <c>--space</c> JSON file of <c>sharpgrad search</c>:
/// <code>
/// {
///   "method": "random",                  // or "grid"                               [default: random]
///   "trials": 20,                        // random search only; --trials overrides  [default: 10]
///   "seed": 0,                           // seed of the random sampler              [default: 0]
///   "metric": "validation_accuracy",     // or "validation_loss"                    [default: validation_accuracy]
///   "fixed": { "epochs": 10, "optimizer": "adam" },     // the same for every trial [optional]
///   "parameters": {                                      // what is searched         [required]
///     "lr":         { "log_uniform": [1e-4, 0.3] },
///     "dropout":    { "uniform": [0, 0.5] },
///     "hidden":     { "values": ["32", "64,32"] },
///     "batch-size": { "values": [16, 32, 64] }
///   }
/// }
/// </code>
/// Names are <c>sharpgrad train</c> options without the leading dashes, and values are checked exactly as the
/// command line checks them. A grid needs "values" for every parameter; integer options take "values".
/// </summary>
public sealed record SearchPlan(
    SearchMethod Method,
    int Trials,
    long Seed,
    TrainingMetric Metric,
    IReadOnlyDictionary<string, string> Fixed,
    SearchSpace Space)
{
    public const int DefaultTrials = 10;

    /// <summary>Options a search manages itself and so does not accept in the file.</summary>
    private static readonly string[] Reserved = ["out", "resume", "checkpoint-every"];

    /// <summary>Reads and checks <paramref name="path"/>; a problem raises <see cref="InvalidDataException"/> naming the file and the entry.</summary>
    public static SearchPlan Load(string path)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }
        if (root.ValueKind != JsonValueKind.Object) throw Bad(path, "the top level must be an object");
        var known = new[] { "method", "trials", "seed", "metric", "fixed", "parameters" };
        foreach (var property in root.EnumerateObject())
            if (!known.Contains(property.Name))
                throw Bad(path, $"unknown entry \"{property.Name}\"; expected {string.Join(", ", known)}");

        var method = Text(root, "method", path, "random") switch
        {
            "random" => SearchMethod.Random,
            "grid" => SearchMethod.Grid,
            var other => throw Bad(path, $"\"method\" must be \"random\" or \"grid\", got \"{other}\""),
        };
        int trials = (int)Integer(root, "trials", path, DefaultTrials);
        if (trials < 1) throw Bad(path, $"\"trials\" must be at least 1, got {trials}");
        long seed = Integer(root, "seed", path, 0);
        var metric = Text(root, "metric", path, "validation_accuracy") switch
        {
            "validation_accuracy" => TrainingMetric.ValidationAccuracy,
            "validation_loss" => TrainingMetric.ValidationLoss,
            var other => throw Bad(path, $"\"metric\" must be \"validation_accuracy\" or \"validation_loss\", got \"{other}\""),
        };

        var fixedValues = new Dictionary<string, string>();
        if (root.TryGetProperty("fixed", out var fixedElement))
        {
            if (fixedElement.ValueKind != JsonValueKind.Object) throw Bad(path, "\"fixed\" must be an object of option: value");
            foreach (var option in fixedElement.EnumerateObject())
                fixedValues[CheckName(option.Name, path)] = Trial.FormatValue(Value(option.Value, $"fixed.{option.Name}", path));
        }

        if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object || !parameters.EnumerateObject().Any())
            throw Bad(path, "\"parameters\" must be a non-empty object of option: distribution");
        var dimensions = new List<Hyperparameter>();
        foreach (var parameter in parameters.EnumerateObject())
        {
            string name = CheckName(parameter.Name, path);
            if (fixedValues.ContainsKey(name)) throw Bad(path, $"\"{name}\" is both fixed and searched");
            dimensions.Add(Dimension(name, parameter.Value, path));
        }
        if (method == SearchMethod.Grid && dimensions.FirstOrDefault(d => d.GridValues is null) is { } continuous)
            throw Bad(path, $"\"{continuous.Name}\" is a continuous range, but a grid needs a list of values: use {{\"values\": [...]}} or \"method\": \"random\"");
        return new SearchPlan(method, trials, seed, metric, fixedValues, new SearchSpace([.. dimensions]));
    }

    /// <summary>The trials this plan describes; <paramref name="trialsOverride"/> (from <c>--trials</c>) replaces the file's count.</summary>
    public IReadOnlyList<Trial> CreateTrials(int? trialsOverride) => Method == SearchMethod.Grid
        ? GridSearch.Trials(Space)
        : RandomSearch.Trials(Space, trialsOverride ?? Trials, Seed);

    /// <summary>The <c>sharpgrad train</c> arguments of <paramref name="trial"/>: the fixed options, then the trial's.</summary>
    public string[] TrainArguments(Trial trial) =>
    [
        "train",
        .. Fixed.SelectMany(kv => new[] { "--" + kv.Key, kv.Value }),
        .. trial.Parameters.SelectMany(kv => new[] { "--" + kv.Key, Trial.FormatValue(kv.Value) }),
    ];

    private static Hyperparameter Dimension(string name, JsonElement spec, string path)
    {
        if (spec.ValueKind != JsonValueKind.Object || spec.EnumerateObject().Count() != 1)
            throw Bad(path, $"\"{name}\" must be one of {{\"values\": [...]}}, {{\"uniform\": [low, high]}} or {{\"log_uniform\": [low, high]}}");
        var entry = spec.EnumerateObject().Single();
        switch (entry.Name)
        {
            case "values":
                if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() == 0)
                    throw Bad(path, $"\"{name}\".values must be a non-empty array");
                return Hyperparameter.Categorical(name, entry.Value.EnumerateArray().Select(v => Value(v, name, path)).ToArray());
            case "uniform":
            case "log_uniform":
                if (entry.Value.ValueKind != JsonValueKind.Array || entry.Value.GetArrayLength() != 2
                    || entry.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                    throw Bad(path, $"\"{name}\".{entry.Name} must be [low, high], two numbers");
                double low = entry.Value[0].GetDouble(), high = entry.Value[1].GetDouble();
                try
                {
                    return entry.Name == "uniform" ? Hyperparameter.Uniform(name, low, high) : Hyperparameter.LogUniform(name, low, high);
                }
                catch (ArgumentException e)
                {
                    throw Bad(path, e.Message.TrimEnd('.'));
                }
            default:
                throw Bad(path, $"\"{name}\": unknown distribution \"{entry.Name}\"; expected values, uniform or log_uniform");
        }
    }

    /// <summary>A JSON scalar as a C# value: whole numbers as long, other numbers as double, strings as themselves.</summary>
    private static object Value(JsonElement value, string where, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out long whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw Bad(path, $"\"{where}\": values must be numbers or strings, got {value.ValueKind.ToString().ToLowerInvariant()}"),
    };

    private static string CheckName(string name, string path)
    {
        if (name.StartsWith('-')) throw Bad(path, $"write option names without dashes: \"{name.TrimStart('-')}\", not \"{name}\"");
        if (Reserved.Contains(name)) throw Bad(path, $"\"{name}\" is managed by the search and cannot be set in the file");
        return name;
    }

    private static string Text(JsonElement root, string name, string path, string defaultValue) =>
        !root.TryGetProperty(name, out var value) ? defaultValue
        : value.ValueKind == JsonValueKind.String ? value.GetString()!
        : throw Bad(path, $"\"{name}\" must be a string");

    private static long Integer(JsonElement root, string name, string path, long defaultValue) =>
        !root.TryGetProperty(name, out var value) ? defaultValue
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long n) ? n
        : throw Bad(path, $"\"{name}\" must be a whole number");

    private static InvalidDataException Bad(string path, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}: {problem}."));
}
