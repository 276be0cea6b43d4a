using System.CommandLine;
using Sharpgrad.Cli.Experiments;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad experiments list</c> shows the books' experiments; <c>sharpgrad experiments run &lt;id&gt; [--out DIR]</c>
/// runs one, writing its PNG figures and CSV into DIR (default experiments/&lt;id&gt;).
/// </summary>
internal sealed class ExperimentsCommand : Command
{
    public ExperimentsCommand(IAnsiConsole console)
        : base("experiments", "List or run the textbook experiments; each writes PNG figures and a CSV.")
    {
        Subcommands.Add(List(console));
        Subcommands.Add(Run(console));
    }

    private static Command List(IAnsiConsole console)
    {
        var list = new Command("list", "Show every experiment id with a one-line description.");
        list.SetAction(_ =>
        {
            var table = new Table().AddColumns("id", "description");
            foreach (var experiment in ExperimentRegistry.All)
                table.AddRow(Markup.Escape(experiment.Id), Markup.Escape(experiment.Description));
            console.Write(table);
            return 0;
        });
        return list;
    }

    private static Command Run(IAnsiConsole console)
    {
        var id = new Argument<string>("id") { Description = "The experiment to run (see 'sharpgrad experiments list')." };
        id.AcceptOnlyFromAmong([.. ExperimentRegistry.All.Select(e => e.Id)]);
        var output = new Option<string>("--out")
        {
            Description = "Folder for the figures and the CSV. [default: experiments/<id>]",
            HelpName = "DIR",
            CustomParser = OptionParsers.NonEmptyPath(),
        };
        var run = new Command("run", "Run one experiment and write its figures (PNG) and numbers (CSV).") { id, output };
        run.SetAction(parseResult =>
        {
            var experiment = ExperimentRegistry.Find(parseResult.GetRequiredValue(id))!;
            var directory = parseResult.GetValue(output) ?? Path.Combine("experiments", experiment.Id);
            console.MarkupLine($"[bold]{Markup.Escape(experiment.Id)}[/]: {Markup.Escape(experiment.Description)}");
            foreach (var file in experiment.Run(directory, console))
                console.MarkupLine($"wrote [blue]{Markup.Escape(file)}[/]");
            return 0;
        });
        return run;
    }
}
