using System.CommandLine;
using System.CommandLine.Parsing;
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
    private const int DefaultBatchSize = 32;
    private const int DefaultSeed = 0;
    private static readonly int[] DefaultHidden = [32];

    private readonly Option<ModelKind> _model = new("--model")
    {
        Description = "Model architecture. " + OptionParsers.DescribeChoices(DefaultModel),
        HelpName = string.Join("|", OptionParsers.ChoiceNames<ModelKind>()),
        CustomParser = OptionParsers.Choice(DefaultModel),
    };

    private readonly Option<DatasetKind> _dataset = new("--dataset")
    {
        Description = "Data set: the bundled 8×8 digits (split 80/20 by --seed) or the official train/test files of a 28×28 set. "
            + OptionParsers.DescribeChoices(DatasetKind.Digits),
        HelpName = string.Join("|", OptionParsers.ChoiceNames<DatasetKind>()),
        CustomParser = OptionParsers.Choice(DatasetKind.Digits),
    };

    private readonly Option<string> _dataRoot = new("--data-root")
    {
        Description = "Directory holding the data set's IDX files (train-images-idx3-ubyte.gz, ...). "
            + $"[default for fashion-mnist: {Data.Datasets.FashionMnistDefaultRoot}; required for mnist]",
        HelpName = "DIR",
        CustomParser = OptionParsers.NonEmptyPath(),
    };

    private readonly Option<bool> _augment = new("--augment")
    {
        Description = "Augment the training images (GBC §7.4): a random shift by up to 2 pixels (1 on the 8×8 digits), "
            + "and for fashion-mnist a random mirror image (digits are not mirrored: a mirrored 2 is no digit).",
    };

    private readonly Option<int> _epochs = new("--epochs")
    {
        Description = "Number of passes over the training split (positive integer). "
            + "[default: the model and data set's recipe: 5 for lenet5, 10 for mlp on 28×28 images, else 30]",
        HelpName = "N",
        CustomParser = OptionParsers.PositiveInt(DefaultEpochs),
    };

    // No DefaultValueFactory: the default depends on --optimizer (see GetSettings).
    private readonly Option<double> _learningRate = new("--lr")
    {
        Description = "Learning rate (positive number, e.g. 0.1 or 1e-3). "
            + "[default: the recipe's (adam 1e-3 for lenet5, sgd 0.1 otherwise); with another --optimizer, "
            + "0.1 for sgd and nesterov, PyTorch's default for the others]",
        HelpName = "RATE",
        CustomParser = OptionParsers.PositiveDouble(OptimizerKinds.DefaultLearningRate(DefaultOptimizer)),
    };

    private readonly Option<int> _batchSize = new("--batch-size")
    {
        Description = "Examples per gradient step (positive integer). [default: 64 for mlp on the 28×28 data sets, else 32]",
        HelpName = "N",
        CustomParser = OptionParsers.PositiveInt(DefaultBatchSize),
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
        Description = "Hidden layer widths of --model mlp, input side first, comma-separated (e.g. 64,32).",
        HelpName = "SIZES",
        // One token holding the whole list; without this an int[] option would take several tokens.
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = OptionParsers.PositiveIntList(DefaultHidden),
        DefaultValueFactory = _ => [.. DefaultHidden], // a copy: settings must not share the static array
    };

    private readonly Option<OptimizerKind> _optimizer = new("--optimizer")
    {
        Description = "Update rule (default: the recipe's, adam for lenet5). " + OptionParsers.DescribeChoices(DefaultOptimizer),
        HelpName = string.Join("|", OptionParsers.ChoiceNames<OptimizerKind>()),
        CustomParser = OptionParsers.Choice(DefaultOptimizer),
    };

    private readonly Option<double> _weightDecay = new("--weight-decay")
    {
        Description = "Weight decay λ on the weights, not the biases (GBC §7.1): the L2 penalty's gradient λw, "
            + "decoupled for adamw. [default: 0; 0.01 for adamw]",
        HelpName = "LAMBDA",
        CustomParser = OptionParsers.NonNegativeDouble(0),
    };

    private readonly Option<double> _l1 = new("--l1")
    {
        Description = "Coefficient α of an L1 penalty α‖w‖₁ on the weights (GBC §7.1.2).",
        HelpName = "ALPHA",
        CustomParser = OptionParsers.NonNegativeDouble(0),
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<double> _maxNorm = new("--max-norm")
    {
        Description = "Max-norm constraint: after every step, scale each unit's incoming weight vector to norm ≤ C (GBC §7.2).",
        HelpName = "C",
        CustomParser = OptionParsers.PositiveDouble(1),
    };

    private readonly Option<double> _dropout = new("--dropout")
    {
        Description = "Dropout probability after every hidden layer of --model mlp, in [0, 1) (GBC §7.12).",
        HelpName = "P",
        CustomParser = OptionParsers.DropProbability(0),
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<double> _labelSmoothing = new("--label-smoothing")
    {
        Description = "Label smoothing ε in [0, 1] of the cross-entropy (GBC §7.5.1).",
        HelpName = "EPS",
        CustomParser = OptionParsers.Fraction(0),
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> _earlyStopping = new("--early-stopping")
    {
        Description = "Stop when the validation loss has not improved for PATIENCE epochs and keep the best weights "
            + "(GBC Alg. 7.1); 20% of the training split becomes the validation split.",
        HelpName = "PATIENCE",
        CustomParser = OptionParsers.PositiveInt(1),
    };

    private readonly Option<int> _checkpointEvery = new("--checkpoint-every")
    {
        Description = "Write a resumable checkpoint (checkpoint.safetensors) to the run folder every N epochs.",
        HelpName = "N",
        CustomParser = OptionParsers.PositiveInt(1),
    };

    private readonly Option<string> _resume = new("--resume")
    {
        Description = "Continue the run in RUN_DIR from its checkpoint, bit-identically; give the options of the original run.",
        HelpName = "RUN_DIR",
        CustomParser = OptionParsers.ExistingDirectory(),
    };

    private readonly Option<ScheduleKind> _schedule = new("--schedule")
    {
        Description = "Learning-rate schedule (GBC §8.3.1; default: the recipe's, cosine for lenet5). " + OptionParsers.DescribeChoices(ScheduleKind.None),
        HelpName = string.Join("|", OptionParsers.ChoiceNames<ScheduleKind>()),
        CustomParser = OptionParsers.Choice(ScheduleKind.None),
    };

    private readonly Option<double> _clipNorm = new("--clip-norm")
    {
        Description = "Clip the gradients' global L2 norm to V before each step, keeping their direction (GBC §10.11.1).",
        HelpName = "V",
        CustomParser = OptionParsers.PositiveDouble(1),
    };

    private readonly Option<bool> _distributed = new("--distributed")
    {
        Description = "Train on the processes started by mpirun (mpirun -np N sharpgrad train --distributed ...): each reads its share "
            + "of every batch (--batch-size is the global batch) and the gradients are averaged across them; rank 0 prints and writes "
            + "the run folder. Implied under mpirun; without it, one process.",
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "Run folder for metrics.csv, curves.png, activations.png, filters.png, confusion.png, the trained model and checkpoints. "
            + "[default: runs/<model>-<dataset>-<yyyyMMdd-HHmmss>]",
        HelpName = "DIR",
        CustomParser = OptionParsers.NonEmptyPath(),
    };

    public TrainCommand(IAnsiConsole console)
        : base("train", "Train a model on an image data set; writes metrics, training curves, filters, the confusion matrix and the model to a run folder.")
    {
        Options.Add(_dataset);
        Options.Add(_dataRoot);
        Options.Add(_model);
        Options.Add(_augment);
        Options.Add(_epochs);
        Options.Add(_learningRate);
        Options.Add(_batchSize);
        Options.Add(_seed);
        Options.Add(_hidden);
        Options.Add(_optimizer);
        Options.Add(_weightDecay);
        Options.Add(_l1);
        Options.Add(_maxNorm);
        Options.Add(_dropout);
        Options.Add(_labelSmoothing);
        Options.Add(_earlyStopping);
        Options.Add(_checkpointEvery);
        Options.Add(_resume);
        Options.Add(_schedule);
        Options.Add(_clipNorm);
        Options.Add(_out);
        Options.Add(_distributed);

        Validators.Add(result =>
        {
            // Choices that did not parse already have their own error; only check combinations of valid ones.
            if (ParsedOrDefault(result, _model, DefaultModel) is { } model && ParsedOrDefault(result, _dataset, DatasetKind.Digits) is { } dataset)
            {
                if (model.Incompatibility(dataset.ImageShape()) is { } problem)
                    result.AddError($"{problem}.");
                if (model != ModelKind.Mlp && (result.GetResult(_hidden) is not null || result.GetResult(_dropout) is not null))
                    result.AddError($"--hidden and --dropout shape --model mlp only; --model {OptionParsers.ChoiceName(model)} has a fixed architecture.");
                if (dataset.NeedsDataRoot() && result.GetResult(_dataRoot) is null)
                    result.AddError($"--dataset {OptionParsers.ChoiceName(dataset)} needs --data-root DIR: the directory holding its four IDX files.");
                if (dataset == DatasetKind.Digits && result.GetResult(_dataRoot) is not null)
                    result.AddError("--dataset digits is bundled with Sharpgrad and takes no --data-root.");
            }
            if (result.GetResult(_resume) is not null && result.GetResult(_out) is not null)
            {
                result.AddError("--resume continues in its own run folder; do not also give --out.");
            }
            bool lineSearch = result.GetResult(_optimizer)?.Tokens.Any(t => t.Value.ToLowerInvariant() is "lbfgs" or "bfgs" or "cg") == true;
            if (lineSearch && result.GetResult(_weightDecay) is not null)
            {
                result.AddError("--optimizer lbfgs, bfgs and cg take no --weight-decay (they optimise one parameter group); use --l1 instead.");
            }
        });

        SetAction(parseResult => new TrainJob(console).Run(
            RecordedSettings.ForResume(GetSettings(parseResult), RecordedSettings.ExplicitOptions(parseResult))));
    }

    /// <summary>The validated settings of a parse that had no errors.</summary>
    public TrainSettings GetSettings(ParseResult parseResult)
    {
        ModelKind model = ValueOrDefault(parseResult, _model, DefaultModel);
        DatasetKind dataset = ValueOrDefault(parseResult, _dataset, DatasetKind.Digits);
        var recipe = DefaultRecipe.For(model, dataset);
        OptimizerKind optimizer = ValueOrDefault(parseResult, _optimizer, recipe.Optimizer);
        double learningRate = optimizer == recipe.Optimizer ? recipe.LearningRate : optimizer.DefaultLearningRate();
        string? resume = parseResult.GetValue(_resume);
        string? outputDirectory = resume ?? parseResult.GetValue(_out);
        return new TrainSettings(
            Model: model,
            Epochs: ValueOrDefault(parseResult, _epochs, recipe.Epochs),
            LearningRate: ValueOrDefault(parseResult, _learningRate, learningRate),
            BatchSize: ValueOrDefault(parseResult, _batchSize, recipe.BatchSize),
            Seed: parseResult.GetValue(_seed),
            HiddenSizes: parseResult.GetValue(_hidden) ?? [.. DefaultHidden],
            Optimizer: optimizer,
            OutputDirectory: outputDirectory ?? TrainSettings.DefaultOutputDirectory(model, dataset, DateTime.Now))
        {
            Dataset = dataset,
            DataRoot = parseResult.GetValue(_dataRoot),
            Augment = parseResult.GetValue(_augment),
            WeightDecay = Nullable(parseResult, _weightDecay),
            L1 = parseResult.GetValue(_l1),
            MaxNorm = Nullable(parseResult, _maxNorm),
            Dropout = parseResult.GetValue(_dropout),
            LabelSmoothing = parseResult.GetValue(_labelSmoothing),
            EarlyStoppingPatience = Nullable(parseResult, _earlyStopping),
            CheckpointEvery = Nullable(parseResult, _checkpointEvery),
            ResumeFrom = resume,
            Schedule = ValueOrDefault(parseResult, _schedule, recipe.Schedule),
            ClipNorm = Nullable(parseResult, _clipNorm),
            Distributed = parseResult.GetValue(_distributed),
        };
    }

    /// <summary>The parsed value when the option was given, otherwise <paramref name="defaultValue"/>.</summary>
    private static T ValueOrDefault<T>(ParseResult parseResult, Option<T> option, T defaultValue) =>
        parseResult.GetResult(option) is null ? defaultValue : parseResult.GetValue(option)!;

    /// <summary>Inside a validator: the option's value, its default when it was not given, or null when its value did not parse.</summary>
    private static T? ParsedOrDefault<T>(CommandResult result, Option<T> option, T defaultValue)
        where T : struct
    {
        var given = result.GetResult(option);
        if (given is null) return defaultValue;
        try
        {
            return given.GetValueOrDefault<T>();
        }
        catch (InvalidOperationException)
        {
            return null; // the value's parse error (e.g. an unknown name) is already reported
        }
    }

    /// <summary>The parsed value when the option was given, otherwise null (for options that switch a feature on).</summary>
    private static T? Nullable<T>(ParseResult parseResult, Option<T> option)
        where T : struct =>
        parseResult.GetResult(option) is null ? null : parseResult.GetValue(option);
}
