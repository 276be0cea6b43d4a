using System.Globalization;

namespace Sharpgrad.Cli.Report;

/// <summary>
/// The page of one training run (<c>runs/&lt;name&gt;/index.html</c> in the site, its figures beside it): the command
/// that repeats it, its final and best numbers, its figures (curves, confusion matrix, …), its settings and the
/// metrics of every epoch.
/// </summary>
public static class TrainingRunPage
{
    /// <summary>The page's path in the site, as segments.</summary>
    public static string[] PagePath(TrainingRunRecord run) => [ReportLayout.RunsFolder, run.Name, ReportLayout.PageFile];

    /// <summary>Writes the page and copies the run's figures next to it.</summary>
    public static void Write(ReportSite site, TrainingRunRecord run)
    {
        foreach (var figure in run.Figures)
            site.CopyFile(Path.Combine(run.Directory, figure), ReportLayout.RunsFolder, run.Name, figure);
        site.WritePage(HtmlPage.Render($"Training run {run.Name}", Body(run), ReportLayout.IndexFromDepth(2)), PagePath(run));
    }

    private static SafeHtml Body(TrainingRunRecord run) => Html.Join(
        Html.Element("p", $"Run folder: {run.Directory}"),
        run.Problems.Count == 0 ? SafeHtml.Empty : Html.Join(Html.Element("h2", "Missing or unreadable files"), Html.List(run.Problems.Select(Html.Text))),
        run.Command is { } command ? Html.Join(Html.Element("h2", "Reproduce"), ReportLayout.Command(command)) : SafeHtml.Empty,
        KeyNumbers(run),
        run.Figures.Count == 0 ? SafeHtml.Empty : Html.Join(Html.Element("h2", "Figures"), Html.Join(run.Figures.Select(f => Html.Figure(Html.Url(f), f)))),
        run.Settings.Count == 0 ? SafeHtml.Empty : Html.Join(Html.Element("h2", "Settings"),
            Html.Table(["option", "value"], run.Settings.Select(s => (IReadOnlyList<SafeHtml>)[Html.Text(s.Key), Html.Text(s.Value)]))),
        run.Metrics.Count == 0 ? SafeHtml.Empty : Html.Join(Html.Element("h2", "Metrics per epoch"),
            Html.Table(["epoch", "train loss", "train accuracy", "test loss", "test accuracy"], run.Metrics.Select(m => (IReadOnlyList<SafeHtml>)
            [
                Html.Text(m.Epoch.ToString(CultureInfo.InvariantCulture)), Html.Text(ReportLayout.Number(m.TrainLoss)),
                Html.Text(ReportLayout.Percent(m.TrainAccuracy)), Html.Text(ReportLayout.Number(m.TestLoss)), Html.Text(ReportLayout.Percent(m.TestAccuracy)),
            ]))));

    private static SafeHtml KeyNumbers(TrainingRunRecord run)
    {
        if (run.Metrics.Count == 0) return SafeHtml.Empty;
        var last = run.Metrics[^1];
        var best = run.Metrics.MaxBy(m => m.TestAccuracy)!;
        return Html.Join(Html.Element("h2", "Key numbers"), Html.Table(["quantity", "value"],
        [
            [Html.Text("epochs run"), Html.Text(last.Epoch.ToString(CultureInfo.InvariantCulture))],
            [Html.Text("final test accuracy"), Html.Text(ReportLayout.Percent(last.TestAccuracy))],
            [Html.Text("best test accuracy"), Html.Text($"{ReportLayout.Percent(best.TestAccuracy)} (epoch {best.Epoch})")],
            [Html.Text("final train loss"), Html.Text(ReportLayout.Number(last.TrainLoss))],
            [Html.Text("final test loss"), Html.Text(ReportLayout.Number(last.TestLoss))],
        ]));
    }
}
