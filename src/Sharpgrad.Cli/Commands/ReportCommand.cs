using System.CommandLine;
using Sharpgrad.Cli.Experiments;
using Sharpgrad.Cli.Report;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad report [--runs DIR] [--training-runs DIR] [--out DIR]</c>: builds the static HTML report of the
/// catalogue, the experiments' runs and the training runs (<see cref="ReportBuilder"/>).
/// </summary>
internal sealed class ReportCommand : Command
{
    public const string DefaultOutput = "report", DefaultTrainingRuns = "runs";

    public ReportCommand(IAnsiConsole console)
        : base("report", "Build a static HTML report (opens offline) of the experiments by book and chapter and of the training runs.")
    {
        var runs = new Option<string>("--runs")
        {
            Description = $"The experiments' runs, one folder per id as 'sharpgrad experiments run' writes them. [default: {ExperimentsCommand.DefaultRoot}]",
            HelpName = "DIR",
            CustomParser = OptionParsers.NonEmptyPath(),
        };
        var trainingRuns = new Option<string>("--training-runs")
        {
            Description = $"The folder of 'sharpgrad train' run folders. [default: {DefaultTrainingRuns}]",
            HelpName = "DIR",
            CustomParser = OptionParsers.NonEmptyPath(),
        };
        var output = new Option<string>("--out")
        {
            Description = $"Where the site goes; open <DIR>/index.html. [default: {DefaultOutput}]",
            HelpName = "DIR",
            CustomParser = OptionParsers.NonEmptyPath(),
        };
        Options.Add(runs);
        Options.Add(trainingRuns);
        Options.Add(output);
        SetAction(parseResult =>
        {
            var result = ReportBuilder.Build(ExperimentRegistry.All.Select(e => e.Info),
                parseResult.GetValue(runs) ?? ExperimentsCommand.DefaultRoot,
                parseResult.GetValue(trainingRuns) ?? DefaultTrainingRuns,
                parseResult.GetValue(output) ?? DefaultOutput);
            int ran = result.Experiments.Count(e => e.Summary is not null);
            console.MarkupLine($"{result.Experiments.Count} experiments ({ran} run), {result.TrainingRuns.Count} training runs: "
                + $"wrote {result.Files.Count} files; open [blue]{Markup.Escape(result.IndexPath)}[/]");
            return 0;
        });
    }
}
