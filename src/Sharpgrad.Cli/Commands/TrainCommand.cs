using System.CommandLine;
using Sharpgrad.Cli.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad train</c>: declares the options, turns a successful parse into
/// <see cref="TrainSettings"/>, and hands them to <see cref="TrainJob"/>. Validation lives in the
/// option parsers, so by the time the action runs every value is known to be usable.
/// </summary>
internal sealed class TrainCommand : Command
{
    // Enum options get no DefaultValueFactory: help would show the member name ("Sgd") instead of
    // the spelling users type ("sgd"). Their defaults are stated in the description and applied in
    // GetSettings.
    private const ModelKind DefaultModel = ModelKind.Mlp;
    private const OptimizerKind DefaultOptimizer = OptimizerKind.Sgd;
    private const int DefaultEpochs = 30;
    private const double DefaultLearningRate = 0.1;
    private const int DefaultBatchSize = 32;
    private const int DefaultSeed = 0;
    private static readonly int[] DefaultHidden = [32];

    private readonly Option<ModelKind> _model = new("--model")
    {
        Description = "Model architecture. " + OptionParsers.DescribeChoices(DefaultModel),
        HelpName = string.Join("|", OptionParsers.ChoiceNames<ModelKind>()),
        CustomParser = OptionParsers.Choice(DefaultModel),
    };

    private readonly Option<int> _epochs = new("--epochs")
    {
        Description = "Number of passes over the training split (positive integer).",
        HelpName = "N",
        CustomParser = OptionParsers.PositiveInt(DefaultEpochs),
        DefaultValueFactory = _ => DefaultEpochs,
    };

    private readonly Option<double> _learningRate = new("--lr")
    {
        Description = "Learning rate (positive number, e.g. 0.1 or 1e-3).",
        HelpName = "RATE",
        CustomParser = OptionParsers.PositiveDouble(DefaultLearningRate),
        DefaultValueFactory = _ => DefaultLearningRate,
    };

    private readonly Option<int> _batchSize = new("--batch-size")
    {
        Description = "Examples per gradient step (positive integer).",
        HelpName = "N",
        CustomParser = OptionParsers.PositiveInt(DefaultBatchSize),
        DefaultValueFactory = _ => DefaultBatchSize,
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Random seed for the train/test split, initial weights and shuffling.",
        HelpName = "N",
        CustomParser = OptionParsers.Int(DefaultSeed),
        DefaultValueFactory = _ => DefaultSeed,
    };

    private readonly Option<int[]> _hidden = new("--hidden")
    {
        Description = "Hidden layer widths, input side first, comma-separated (e.g. 64,32).",
        HelpName = "SIZES",
        // One token holding the whole list; without this an int[] option would take several tokens.
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = OptionParsers.PositiveIntList(DefaultHidden),
        DefaultValueFactory = _ => [.. DefaultHidden], // a copy: settings must not share the static array
    };

    private readonly Option<OptimizerKind> _optimizer = new("--optimizer")
    {
        Description = "Update rule. " + OptionParsers.DescribeChoices(DefaultOptimizer),
        HelpName = string.Join("|", OptionParsers.ChoiceNames<OptimizerKind>()),
        CustomParser = OptionParsers.Choice(DefaultOptimizer),
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "Run folder for metrics.csv, curves.png and the trained model. "
            + "[default: runs/<model>-digits-<yyyyMMdd-HHmmss>]",
        HelpName = "DIR",
        CustomParser = OptionParsers.NonEmptyPath(),
    };

    public TrainCommand(IAnsiConsole console)
        : base("train", "Train a model on the digits data set; writes metrics, training curves and the model to a run folder.")
    {
        Options.Add(_model);
        Options.Add(_epochs);
        Options.Add(_learningRate);
        Options.Add(_batchSize);
        Options.Add(_seed);
        Options.Add(_hidden);
        Options.Add(_optimizer);
        Options.Add(_out);

        SetAction(parseResult => new TrainJob(console).Run(GetSettings(parseResult)));
    }

    /// <summary>The validated settings of a parse that had no errors.</summary>
    public TrainSettings GetSettings(ParseResult parseResult)
    {
        ModelKind model = ValueOrDefault(parseResult, _model, DefaultModel);
        string? outputDirectory = parseResult.GetValue(_out);
        return new TrainSettings(
            Model: model,
            Epochs: parseResult.GetValue(_epochs),
            LearningRate: parseResult.GetValue(_learningRate),
            BatchSize: parseResult.GetValue(_batchSize),
            Seed: parseResult.GetValue(_seed),
            HiddenSizes: parseResult.GetValue(_hidden) ?? [.. DefaultHidden],
            Optimizer: ValueOrDefault(parseResult, _optimizer, DefaultOptimizer),
            OutputDirectory: outputDirectory ?? TrainSettings.DefaultOutputDirectory(model, DateTime.Now));
    }

    /// <summary>The parsed value when the option was given, otherwise <paramref name="defaultValue"/>.</summary>
    private static T ValueOrDefault<T>(ParseResult parseResult, Option<T> option, T defaultValue) =>
        parseResult.GetResult(option) is null ? defaultValue : parseResult.GetValue(option)!;
}
