using System.CommandLine;
using Sharpgrad.Cli.Experiments;
using Sharpgrad.Data;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad experiments list [--book B] [--chapter N] [--tag T]</c> shows the catalogue;
/// <c>sharpgrad experiments run &lt;id&gt;... | --all [--quick] [--seed N] [--out DIR]</c> runs experiments, each into
/// DIR/&lt;id&gt; (default experiments/&lt;id&gt;), writing its PNG figures, CSV tables and summary.json.
/// </summary>
/// <remarks>
/// A run whose claim does not hold, or that fails, still lets the others run; the exit code is then 1
/// (<see cref="SharpgradCommandLine.JobFailed"/>), so <c>run --all --quick</c> is a check a script or CI can use. An
/// experiment whose data package is not installed (an error marked by <see cref="MissingData"/>, e.g. fortunes) is
/// skipped under <c>--all</c>, with the install command, and fails when it was named.
/// </remarks>
internal sealed class ExperimentsCommand : Command
{
    /// <summary>The default root folder of the runs.</summary>
    public const string DefaultRoot = "experiments";

    public ExperimentsCommand(IAnsiConsole console)
        : base("experiments", "List or run the textbook experiments; each writes PNG figures, CSV tables and a JSON summary, and checks its claim.")
    {
        Subcommands.Add(List(console));
        Subcommands.Add(Run(console));
        Subcommands.Add(Rank());
    }

    /// <summary>
    /// Hidden: <c>sharpgrad experiments rank easgd-vs-sgd JOB SEED quick|full</c>, one rank of an experiment that starts
    /// this program under mpirun itself (<see cref="EasgdVsSgd"/>); not meant to be typed.
    /// </summary>
    private static Command Rank()
    {
        var id = new Argument<string>("id");
        id.AcceptOnlyFromAmong(EasgdVsSgd.Id);
        var job = new Argument<string>("job");
        var seed = new Argument<int>("seed");
        var mode = new Argument<string>("mode");
        mode.AcceptOnlyFromAmong("quick", "full");
        var rank = new Command("rank", "One MPI rank of a multi-process experiment (started by the experiment itself).") { id, job, seed, mode };
        rank.Hidden = true;
        rank.SetAction(parseResult =>
        {
            EasgdVsSgd.RunRank(parseResult.GetValue(job)!, parseResult.GetValue(seed), parseResult.GetValue(mode) == "quick", System.Console.Out);
            return 0;
        });
        return rank;
    }

    private static Command List(IAnsiConsole console)
    {
        var book = new Option<string>("--book") { Description = "Only experiments citing this book (GBC, Buduma, NYU, CLS, …).", HelpName = "BOOK" };
        var chapter = new Option<int?>("--chapter") { Description = "Only experiments citing this chapter (with --book: of that book).", HelpName = "N" };
        var tag = new Option<string>("--tag") { Description = "Only experiments with this tag.", HelpName = "TAG" };
        var list = new Command("list", "Show the catalogue by area in the books' order: id, title, book references, claim and typical run time.") { book, chapter, tag };
        list.SetAction(parseResult =>
        {
            var shown = ExperimentCatalogue.Filter(ExperimentRegistry.All.Select(e => e.Info),
                    parseResult.GetValue(book), parseResult.GetValue(chapter), parseResult.GetValue(tag))
                .OrderBy(info => Areas.InReadingOrder.ToList().IndexOf(info.Area)).ToList();   // stable: registry order within an area
            var table = new Table().AddColumns("id", "area", "title", "references", "claim", "typical run");
            foreach (var info in shown)
                table.AddRow(Markup.Escape(info.Id), Markup.Escape(info.Area), Markup.Escape(info.Title), Markup.Escape(string.Join("; ", info.References)),
                    Markup.Escape(info.Claim), Markup.Escape(ExperimentCatalogue.FormatDuration(info.TypicalRunTime)));
            console.Write(table);
            console.MarkupLine($"{shown.Count} of {ExperimentRegistry.All.Count} experiments.");
            return 0;
        });
        return list;
    }

    private static Command Run(IAnsiConsole console)
    {
        var ids = new Argument<string[]>("id") { Description = "The experiments to run (see 'sharpgrad experiments list').", Arity = ArgumentArity.ZeroOrMore };
        ids.AcceptOnlyFromAmong([.. ExperimentRegistry.All.Select(e => e.Info.Id)]);
        var all = new Option<bool>("--all") { Description = "Run every experiment in the catalogue." };
        var quick = new Option<bool>("--quick") { Description = "Small data and few steps: seconds per experiment (the mode CI runs); the claim is still checked." };
        var seed = new Option<int?>("--seed") { Description = "Seed of every random choice [default: each experiment's documented seed].", HelpName = "N" };
        var output = new Option<string>("--out")
        {
            Description = $"Root folder; each experiment writes into <DIR>/<id>. [default: {DefaultRoot}]",
            HelpName = "DIR",
            CustomParser = OptionParsers.NonEmptyPath(),
        };
        var run = new Command("run", "Run experiments; each writes figures (PNG), numbers (CSV) and summary.json, and checks its claim.") { ids, all, quick, seed, output };
        run.Validators.Add(result =>
        {
            bool named = result.GetValue(ids) is { Length: > 0 };
            if (named == result.GetValue(all))
                result.AddError(named ? "Give experiment ids or --all, not both." : "Name the experiments to run, or give --all (see 'sharpgrad experiments list').");
        });
        run.SetAction(parseResult =>
        {
            var chosen = parseResult.GetValue(all)
                ? ExperimentRegistry.All
                : [.. parseResult.GetValue(ids)!.Distinct().Select(id => ExperimentRegistry.Find(id)!)];
            var root = parseResult.GetValue(output) ?? DefaultRoot;
            return RunAll(chosen, root, parseResult.GetValue(seed), parseResult.GetValue(quick), skipMissingData: parseResult.GetValue(all), console);
        });
        return run;
    }

    /// <summary>Runs each experiment in turn, whatever the others did; returns the exit code.</summary>
    internal static int RunAll(IReadOnlyList<IExperiment> experiments, string root, int? seed, bool quick, bool skipMissingData, IAnsiConsole console)
    {
        var results = new Table().AddColumns("id", "claim", "time", "evidence");
        int failures = 0, skipped = 0;
        foreach (var experiment in experiments)
        {
            var info = experiment.Info;
            console.MarkupLine($"[bold]{Markup.Escape(info.Id)}[/]: {Markup.Escape(info.Title)}{(quick ? " (quick)" : "")}");
            console.MarkupLine($"[grey]claim:[/] {Markup.Escape(info.Claim)}");
            try
            {
                var summary = ExperimentRunner.Run(experiment, root, console, seed, quick);
                foreach (var file in summary.Outcome.Files)
                    console.MarkupLine($"wrote [blue]{Markup.Escape(file)}[/]");
                var check = summary.Outcome.Check;
                if (!check.Holds) failures++;
                results.AddRow(Markup.Escape(info.Id), check.Holds ? "[green]holds[/]" : "[red]does not hold[/]",
                    Markup.Escape(ExperimentCatalogue.FormatDuration(summary.Elapsed)), Markup.Escape(check.Evidence));
            }
            catch (Exception e) when (skipMissingData && MissingData.PackageOf(e) is not null)
            {
                skipped++;
                results.AddRow(Markup.Escape(info.Id), "[yellow]skipped[/]", "", Markup.Escape(e.Message));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One line, no stack trace, whatever went wrong (a singular matrix, a diverged run, a bug); the other
                // experiments still run and the exit code says that one failed.
                failures++;
                results.AddRow(Markup.Escape(info.Id), "[red]failed[/]", "", Markup.Escape($"{e.GetType().Name}: {e.Message}"));
            }
        }
        console.Write(results);
        if (skipped > 0) console.MarkupLine($"[yellow]{skipped} of {experiments.Count} experiments were skipped: their data is not installed (see above).[/]");
        if (failures > 0) console.MarkupLine($"[red]{failures} of {experiments.Count} experiments failed or did not reproduce their claim.[/]");
        return failures == 0 ? 0 : SharpgradCommandLine.JobFailed;
    }
}
