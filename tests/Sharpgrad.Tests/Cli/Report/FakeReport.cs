using Sharpgrad.Cli.Experiments;
using Sharpgrad.Cli.Report;

namespace Sharpgrad.Tests.Cli.Report;

/// <summary>
/// A report built from a made-up catalogue and runs folder, in a temporary folder deleted on dispose. The texts carry
/// every character HTML escapes, so the tests can see that none slips through.
/// </summary>
public sealed class FakeReport : IDisposable
{
    /// <summary>Text with the characters that HTML must escape.</summary>
    public const string Nasty = "x < y & \"z\" > 'w'";

    public static readonly ExperimentInfo Held = new("held-one", $"Held {Nasty}", Areas.NumericalComputation, ["GBC Fig. 3.6", "Buduma ch4"],
        $"The claim {Nasty}.", ["tag <a>"], TimeSpan.FromSeconds(3));

    public static readonly ExperimentInfo Failed = new("failed-one", "Failed one", Areas.NumericalComputation, ["GBC §4.3"],
        "A claim that did not hold.", [], TimeSpan.FromSeconds(70));

    public static readonly ExperimentInfo NotRun = new("not-run", "Never run", Areas.Memory, ["NYU ch12"], "A claim nobody checked.", [], TimeSpan.FromMinutes(5));

    /// <summary>Was in the catalogue once: its run is still in the runs folder.</summary>
    public static readonly ExperimentInfo Retired = new("retired", "Retired one", Areas.Optimization, ["Some paper"], "An old claim.", [], TimeSpan.Zero);

    /// <summary>A training run's folder name, with characters that need escaping in HTML and encoding in URLs.</summary>
    public const string RunName = "mlp <1> & 'b' #2";

    public FakeReport()
    {
        Root = Path.Combine(Path.GetTempPath(), "sharpgrad-report-" + Guid.NewGuid().ToString("N"));
        Runs = Path.Combine(Root, "experiments");
        TrainingRuns = Path.Combine(Root, "runs");
        Site = Path.Combine(Root, "report");
        WriteRun(Held, seed: 3, quick: true, holds: true, figures: ["fig.png", Path.Combine("panels", "second.png")], extra: ["table.csv"]);
        WriteRun(Failed, seed: 0, quick: false, holds: false, figures: ["fail.png"], extra: []);
        WriteRun(Retired, seed: 1, quick: true, holds: true, figures: [], extra: []);
        FakeRuns.TrainingRun(Path.Combine(TrainingRuns, RunName));
        Result = ReportBuilder.Build([Held, Failed, NotRun], Runs, TrainingRuns, Site);
    }

    public string Root { get; }
    public string Runs { get; }
    public string TrainingRuns { get; }
    public string Site { get; }
    public ReportResult Result { get; }

    /// <summary>A page of the site by its path segments.</summary>
    public string Page(params string[] segments) => File.ReadAllText(Path.Combine([Site, .. segments]));

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private void WriteRun(ExperimentInfo info, int seed, bool quick, bool holds, string[] figures, string[] extra)
    {
        var directory = Path.Combine(Runs, info.Id);
        foreach (var figure in figures) FakeRuns.SolidPng(Path.Combine(directory, figure));
        foreach (var file in extra) File.WriteAllText(Path.Combine(directory, file), "a,b\n1,2\n");
        var outcome = new ExperimentOutcome([.. figures.Concat(extra).Select(f => Path.Combine(directory, f))],
            [new KeyNumber($"number {Nasty}", 0.125), new KeyNumber("not finite", double.NaN)],
            new ClaimCheck(holds, $"Evidence {Nasty}: {(holds ? "held" : "did not hold")}."));
        ExperimentSummaryJson.Write(directory, new ExperimentSummary(info, seed, quick, TimeSpan.FromSeconds(1.5), outcome,
            new DateTime(2026, 12, 6, 20, 0, 0, DateTimeKind.Utc)));
    }
}
