using System.CommandLine;
using Sharpgrad.Cli.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad search</c>: declares the options, turns a successful parse into <see cref="SearchSettings"/>,
/// and hands them to <see cref="SearchJob"/>.
/// </summary>
internal sealed class SearchCommand : Command
{
    private readonly Option<string> _space = new("--space")
    {
        Description = "JSON search plan: {\"method\": \"random\"|\"grid\", \"trials\": N, \"seed\": N, "
            + "\"metric\": \"validation_accuracy\"|\"validation_loss\", \"fixed\": {OPTION: VALUE, ...}, "
            + "\"parameters\": {OPTION: {\"values\": [V, ...]} | {\"uniform\": [LOW, HIGH]} | {\"log_uniform\": [LOW, HIGH]}, ...}}. "
            + "OPTION is a 'sharpgrad train' option without the dashes (lr, batch-size, hidden, optimizer, weight-decay, dropout, ...); "
            + "a grid needs \"values\" for every parameter. Example: {\"method\": \"random\", \"trials\": 8, \"fixed\": {\"epochs\": 10}, "
            + "\"parameters\": {\"lr\": {\"log_uniform\": [0.001, 0.3]}, \"hidden\": {\"values\": [\"32\", \"64,32\"]}}}",
        HelpName = "FILE",
        Required = true,
        CustomParser = OptionParsers.ExistingFile(),
    };

    private readonly Option<int> _trials = new("--trials")
    {
        Description = "Number of random-search trials; overrides \"trials\" in the plan. [default: the plan's, else "
            + SearchPlan.DefaultTrials + "]",
        HelpName = "N",
        CustomParser = OptionParsers.PositiveInt(SearchPlan.DefaultTrials),
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "Folder for search.csv, the trials ranked by the plan's metric. [default: runs/search-<yyyyMMdd-HHmmss>]",
        HelpName = "DIR",
        CustomParser = OptionParsers.NonEmptyPath(),
    };

    public SearchCommand(IAnsiConsole console)
        : base("search", "Grid or random hyper-parameter search: one 'sharpgrad train' run per trial, scored on a validation split "
            + "of the training digits and ranked in search.csv.")
    {
        Options.Add(_space);
        Options.Add(_trials);
        Options.Add(_out);

        SetAction(parseResult => new SearchJob(console).Run(GetSettings(parseResult)));
    }

    /// <summary>The validated settings of a parse that had no errors.</summary>
    public SearchSettings GetSettings(ParseResult parseResult) => new(
        parseResult.GetRequiredValue(_space),
        parseResult.GetResult(_trials) is null ? null : parseResult.GetValue(_trials),
        parseResult.GetValue(_out) ?? SearchSettings.DefaultOutputDirectory(DateTime.Now));
}
