using System.Globalization;
using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// The report's front page: how many experiments ran and held, the experiments by book and chapter (an experiment
/// citing several places appears under each), and the training runs.
/// </summary>
public static class IndexPage
{
    /// <summary>The books' short names as cited in the code, with their full titles; other books show their short name.</summary>
    public static readonly IReadOnlyDictionary<string, string> BookTitles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["GBC"] = "Goodfellow, Bengio & Courville, Deep Learning",
        ["Buduma"] = "Buduma, Fundamentals of Deep Learning",
        ["NYU"] = "The NYU deep-learning course notes",
        ["CLS"] = "The classification chapter",
    };

    public static void Write(ReportSite site, IReadOnlyList<ExperimentEntry> experiments, IReadOnlyList<TrainingRunRecord> runs) =>
        site.WritePage(HtmlPage.Render("Sharpgrad experiments and runs", Body(experiments, runs), indexHref: null), ReportLayout.PageFile);

    private static SafeHtml Body(IReadOnlyList<ExperimentEntry> experiments, IReadOnlyList<TrainingRunRecord> runs)
    {
        int ran = experiments.Count(e => e.Summary is not null), held = experiments.Count(e => e.Summary?.Outcome.Check.Holds == true);
        return Html.Join(
            Html.Element("p", $"{experiments.Count} experiments: {ran} run, of which {held} reproduced their claim and {ran - held} did not; "
                + $"{experiments.Count - ran} not run yet. {runs.Count} training runs."),
            Html.Element("p", Html.Join(Html.Text("Run every experiment quickly with "), Html.Element("code", "sharpgrad experiments run --all --quick"),
                Html.Text(", then rebuild this report with "), Html.Element("code", "sharpgrad report"), Html.Text("."))),
            Html.Element("h2", "Experiments by book and chapter"),
            Html.Join(ByBook(experiments)),
            Html.Element("h2", "Training runs"),
            runs.Count == 0
                ? Html.Element("p", Html.Join(Html.Text("No training runs found. Train a model with "), Html.Element("code", "sharpgrad train"), Html.Text(".")))
                : RunsTable(runs));
    }

    /// <summary>One section per book (GBC first, then the others by name), one table per chapter in order, chapterless places last.</summary>
    private static IEnumerable<SafeHtml> ByBook(IReadOnlyList<ExperimentEntry> experiments)
    {
        var citations = experiments.SelectMany(e => e.Info.Books.Select(reference => (Entry: e, Reference: reference))).ToList();
        var uncited = experiments.Where(e => e.Info.Books.Count == 0).ToList();
        foreach (var book in citations.GroupBy(c => c.Reference.Book, StringComparer.OrdinalIgnoreCase)
                     .OrderBy(g => g.Key.Equals("GBC", StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            yield return Html.Element("h3", BookTitles.TryGetValue(book.Key, out var title) ? $"{title} ({book.Key})" : book.Key);
            foreach (var chapter in book.GroupBy(c => c.Reference.Chapter).OrderBy(g => g.Key ?? int.MaxValue))
            {
                yield return Html.Element("h4", chapter.Key is { } n ? $"Chapter {n.ToString(CultureInfo.InvariantCulture)}" : "Other places");
                yield return ExperimentTable(chapter.GroupBy(c => c.Entry.Folder).Select(g => (g.First().Entry, string.Join("; ", g.Select(c => c.Reference.Text)))));
            }
        }
        if (uncited.Count > 0)
        {
            yield return Html.Element("h3", "Not tied to a book");
            yield return ExperimentTable(uncited.Select(e => (e, "")));
        }
    }

    private static SafeHtml ExperimentTable(IEnumerable<(ExperimentEntry Entry, string Places)> rows) =>
        Html.Table(["experiment", "where", "status", "claim"], rows.Select(row => (IReadOnlyList<SafeHtml>)
        [
            Html.Link(Html.Url(ExperimentPage.PagePath(row.Entry)), row.Entry.Info.Title),
            Html.Text(row.Places),
            row.Entry.Summary is null ? Html.Join(ExperimentStatus.Of(row.Entry), Html.Element("div", Html.Element("code", row.Entry.Command))) : ExperimentStatus.Of(row.Entry),
            Html.Text(row.Entry.Info.Claim),
        ]));

    private static SafeHtml RunsTable(IReadOnlyList<TrainingRunRecord> runs) =>
        Html.Table(["run", "model", "data set", "epochs", "final test accuracy"], runs.Select(run => (IReadOnlyList<SafeHtml>)
        [
            Html.Link(Html.Url(TrainingRunPage.PagePath(run)), run.Name),
            Html.Text(Setting(run, "--model")),
            Html.Text(Setting(run, "--dataset")),
            Html.Text(run.Metrics.Count == 0 ? "" : run.Metrics[^1].Epoch.ToString(CultureInfo.InvariantCulture)),
            Html.Text(run.Metrics.Count == 0 ? "" : ReportLayout.Percent(run.Metrics[^1].TestAccuracy)),
        ]));

    private static string Setting(TrainingRunRecord run, string option) => run.Settings.FirstOrDefault(s => s.Key == option).Value ?? "";
}
