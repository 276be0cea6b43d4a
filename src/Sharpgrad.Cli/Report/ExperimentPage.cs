using System.Globalization;
using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// The page of one experiment (<c>experiments/&lt;id&gt;/index.html</c>, its files beside it): the claim, whether it
/// held on the run with the evidence, the key numbers, the figures, the data files, and the exact command that
/// reproduces the run; for an experiment not yet run, the command that runs it.
/// </summary>
public static class ExperimentPage
{
    /// <summary>The page's path in the site, as segments.</summary>
    public static string[] PagePath(ExperimentEntry entry) => [ReportLayout.ExperimentsFolder, entry.Folder, ReportLayout.PageFile];

    /// <summary>Writes the page and copies the run's files (figures, tables) next to it.</summary>
    public static void Write(ReportSite site, ExperimentEntry entry)
    {
        var files = RunFiles(entry);
        foreach (var file in files.Where(f => f.Exists))
            site.CopyFile(file.Source, [ReportLayout.ExperimentsFolder, entry.Folder, .. file.Segments]);
        site.WritePage(HtmlPage.Render(entry.Info.Title, Body(entry, files), ReportLayout.IndexFromDepth(2)), PagePath(entry));
    }

    /// <summary>A file of the run: where it is, its path under the run's folder as segments, and whether it exists.</summary>
    private sealed record RunFile(string Source, string[] Segments, bool Exists)
    {
        public string Url => Html.Url(Segments);
        public string Name => string.Join('/', Segments);
        public bool IsFigure => Source.EndsWith(".png", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The run's files that lie inside its folder (a summary naming a file elsewhere cannot make the site copy it).</summary>
    private static List<RunFile> RunFiles(ExperimentEntry entry)
    {
        if (entry.Summary is not { } summary || entry.RunDirectory is not { } directory) return [];
        var root = Path.GetFullPath(directory);
        return [.. summary.Outcome.Files
            .Select(Path.GetFullPath)
            .Where(f => f.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => new RunFile(f, Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar), File.Exists(f)))];
    }

    private static SafeHtml Body(ExperimentEntry entry, List<RunFile> files)
    {
        var info = entry.Info;
        return Html.Join(
            Html.Element("p", Html.Join(Html.Element("strong", "Claim: "), Html.Text(info.Claim))),
            Html.Element("p", Html.Join(Html.Text("Status: "), ExperimentStatus.Of(entry),
                entry.InCatalogue ? SafeHtml.Empty : Html.Text(" (this experiment is no longer in the catalogue)"))),
            entry.Summary is { } summary ? Run(summary, files) : NotRun(entry),
            Html.Element("h2", "About"),
            Html.Table(["", ""],
            [
                [Html.Text("id"), Html.Element("code", info.Id)],
                [Html.Text("area"), Html.Text(info.Area)],
                [Html.Text("references"), Html.Text(string.Join("; ", info.References))],
                [Html.Text("tags"), Html.Text(string.Join(", ", info.Tags))],
                [Html.Text("typical run time"), Html.Text(ExperimentCatalogue.FormatDuration(info.TypicalRunTime))],
            ]));
    }

    private static SafeHtml NotRun(ExperimentEntry entry) => Html.Join(
        entry.Problem is { } problem ? Html.Element("p", $"The run's summary could not be read: {problem}") : Html.Element("p", "This experiment has not been run yet."),
        Html.Element("h2", "Run it"),
        ReportLayout.Command(entry.Command),
        Html.Element("p", "or, in seconds, with small data and few steps:"),
        ReportLayout.Command(entry.Command + " --quick"));

    private static SafeHtml Run(ExperimentSummary summary, List<RunFile> files)
    {
        var check = summary.Outcome.Check;
        var missing = files.Where(f => !f.Exists).ToList();
        return Html.Join(
            Html.Element("h2", "Evidence"),
            Html.Element("p", check.Evidence),
            Section("Figures", files.Where(f => f.Exists && f.IsFigure).Select(f => Html.Figure(f.Url, f.Name)), Html.Join),
            summary.Outcome.KeyNumbers.Count == 0 ? SafeHtml.Empty : Html.Join(Html.Element("h2", "Key numbers"),
                Html.Table(["quantity", "value"], summary.Outcome.KeyNumbers.Select(n => (IReadOnlyList<SafeHtml>)[Html.Text(n.Name), Html.Text(ReportLayout.Number(n.Value))]))),
            Html.Element("h2", "Reproduce"),
            ReportLayout.Command(summary.Command),
            Html.Element("p", $"Run with seed {summary.Seed}, {(summary.Quick ? "quick mode (small data, few steps)" : "full mode")}, "
                + $"in {ExperimentCatalogue.FormatDuration(summary.Elapsed)}, finished {summary.FinishedUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."),
            Section("Data", files.Where(f => f.Exists && !f.IsFigure).Select(f => Html.Link(f.Url, f.Name)), Html.List),
            Section("Missing files", missing.Select(f => Html.Text($"{f.Name}: listed in summary.json but not found in the run's folder.")), Html.List));
    }

    /// <summary>A heading and its items, or nothing when there are none.</summary>
    private static SafeHtml Section(string heading, IEnumerable<SafeHtml> items, Func<IEnumerable<SafeHtml>, SafeHtml> layout)
    {
        var list = items.ToList();
        return list.Count == 0 ? SafeHtml.Empty : Html.Join(Html.Element("h2", heading), layout(list));
    }
}
