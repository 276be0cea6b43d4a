using System.CommandLine;
using Sharpgrad.Cli.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad eval</c>: declares the options, turns a successful parse into
/// <see cref="EvalSettings"/>, and hands them to <see cref="EvalJob"/>.
/// </summary>
internal sealed class EvalCommand : Command
{
    private const int DefaultSeed = 0;

    private readonly Option<string> _modelFile = new("--model-file")
    {
        Description = "Model saved by 'sharpgrad train' (in its run folder).",
        HelpName = "PATH",
        Required = true,
        CustomParser = OptionParsers.ExistingFile(),
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "Seed of the train/test split; use the one the model was trained with.",
        HelpName = "N",
        CustomParser = OptionParsers.Int(DefaultSeed),
        DefaultValueFactory = _ => DefaultSeed,
    };

    private readonly Option<string> _dataRoot = new("--data-root")
    {
        Description = "Directory of the data set's files (fashion-mnist, mnist). [default: the one the model was trained with]",
        HelpName = "DIR",
        CustomParser = OptionParsers.NonEmptyPath(),
    };

    public EvalCommand(IAnsiConsole console)
        : base("eval", "Evaluate a saved model on the test split of the data set it was trained on.")
    {
        Options.Add(_modelFile);
        Options.Add(_seed);
        Options.Add(_dataRoot);

        SetAction(parseResult => new EvalJob(console).Run(GetSettings(parseResult)));
    }

    /// <summary>The validated settings of a parse that had no errors.</summary>
    public EvalSettings GetSettings(ParseResult parseResult) =>
        new(parseResult.GetRequiredValue(_modelFile), parseResult.GetValue(_seed)) { DataRoot = parseResult.GetValue(_dataRoot) };
}
