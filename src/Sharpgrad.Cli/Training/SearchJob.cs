using System.CommandLine;
using System.Globalization;
using Sharpgrad.Cli.Commands;
using Sharpgrad.Data;
using Sharpgrad.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The body of <c>sharpgrad search</c>: runs one <c>sharpgrad train</c>-style training per trial of a
/// <see cref="SearchPlan"/>, each on 80% of the training split and scored on the other 20% (the test split is not
/// touched: choosing by test error would bias it, GBC §11.4), then prints the trials ranked by the plan's metric
/// and writes them to <c>search.csv</c>.
/// </summary>
public sealed class SearchJob(IAnsiConsole console)
{
    public const string ResultsFileName = "search.csv";

    /// <summary>How many ranked trials the console table shows (the CSV has all of them).</summary>
    private const int TableRows = 10;

    /// <summary>
    /// How numbers are shown to a person: four significant digits ("0.01235", "1.5E-05"), enough to tell the trials of
    /// a search apart; search.csv keeps round-trip values.
    /// </summary>
    private const string DisplayFormat = "G4";

    public SearchJob()
        : this(AnsiConsole.Console)
    {
    }

    public SearchResults Search(SearchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var plan = SearchPlan.Load(settings.SpaceFile);
        var trials = plan.CreateTrials(settings.Trials);
        // Every trial's settings are checked before the first one trains.
        var trialSettings = trials.ToDictionary(t => t.Number, t => Settings(plan, t, settings.SpaceFile));
        Directory.CreateDirectory(settings.OutputDirectory);
        console.MarkupLine($"{plan.Method.ToString().ToLowerInvariant()} search: {trials.Count} trial(s), ranked by {plan.Metric.Name}.");

        var results = HyperparameterSearch.Run(trials, trial =>
        {
            var s = trialSettings[trial.Number];
            var train = TrainingData.Load(s).Train;
            var run = TrainingRun.Create(s);
            var (fit, validation) = run.Split(train, validation: true);
            return run.Fit(fit, validation, []);
        }, plan.Metric, result => console.WriteLine(
            $"trial {result.Trial.Number}/{trials.Count}  {result.Trial.ToString(DisplayFormat)}  {plan.Metric.Name} {Format(result.Score)} (epoch {result.BestEpoch.Epoch})"));

        results.WriteCsv(Path.Combine(settings.OutputDirectory, ResultsFileName));
        WriteTable(results);
        console.MarkupLine($"Best: trial {results.Best.Trial.Number} ({Markup.Escape(results.Best.Trial.ToString(DisplayFormat))}). " +
                           $"Wrote {Markup.Escape(Path.Combine(settings.OutputDirectory, ResultsFileName))}.");
        return results;
    }

    public int Run(SearchSettings settings)
    {
        Search(settings);
        return 0;
    }

    /// <summary>A trial's options parsed and validated exactly as <c>sharpgrad train</c> parses them.</summary>
    private TrainSettings Settings(SearchPlan plan, Trial trial, string file)
    {
        var command = new TrainCommand(console);
        var root = new Command(SharpgradCommandLine.Name) { command };
        ParseResult parsed = root.Parse(plan.TrainArguments(trial));
        if (parsed.Errors.Count > 0)
            throw new InvalidDataException($"{file}: trial {trial.Number} ({trial}): {string.Join(" ", parsed.Errors.Select(e => e.Message))}");
        return command.GetSettings(parsed);
    }

    /// <summary>
    /// The ranked trials as a table. Values are short (<see cref="DisplayFormat"/>), so a table of a few
    /// hyper-parameters is narrower than its headers' words and fits 120 columns whole; only a console narrower than
    /// the headers themselves makes Spectre fold them.
    /// </summary>
    private void WriteTable(SearchResults results)
    {
        var table = new Table().Title("Search results").AddColumn(Column("rank")).AddColumn(Column("trial"));
        foreach (var name in results.ParameterNames) table.AddColumn(Column(name));
        table.AddColumn(Column(results.Metric.Name)).AddColumn(Column("best epoch"));
        if (!console.Profile.Capabilities.Unicode) table.Border(TableBorder.Ascii);
        foreach (var (result, rank) in results.Ranked.Take(TableRows).Select((r, i) => (r, i + 1)))
            table.AddRow([
                rank.ToString(CultureInfo.InvariantCulture),
                result.Trial.Number.ToString(CultureInfo.InvariantCulture),
                .. results.ParameterNames.Select(n => Markup.Escape(Trial.FormatValue(result.Trial.Parameters[n], DisplayFormat))),
                Format(result.Score),
                result.BestEpoch.Epoch.ToString(CultureInfo.InvariantCulture),
            ]);
        console.Write(table);
    }

    private static TableColumn Column(string header) => new TableColumn(new Spectre.Console.Text(header)).RightAligned();

    private static string Format(double value) => value.ToString(DisplayFormat, CultureInfo.InvariantCulture);
}
