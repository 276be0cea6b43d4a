namespace Sharpgrad.Tests.Cli.Report;

/// <summary>
/// The report rendered by a real browser (Debian's Chromium, headless): the pages parse into the DOM we wrote, the
/// figures are drawn (the screenshot holds the figures' magenta), and the console shows no script errors. The pages
/// carry no script, so nothing may appear there at all.
/// </summary>
public sealed class ReportInBrowserTests : IDisposable
{
    private readonly FakeReport report = new();

    public void Dispose() => report.Dispose();

    [FactNeedingChromium]
    public void ChromiumRendersTheIndexAndAnExperimentPageWithTheirFigures()
    {
        var index = Render(Path.Combine(report.Site, "index.html"), out _);
        Assert.Contains("<h1>Sharpgrad experiments and runs</h1>", index);
        Assert.Contains("href=\"experiments/held-one/index.html\"", index);

        var page = Render(Path.Combine(report.Site, "experiments", "held-one", "index.html"), out int figurePixels);
        Assert.Contains("<img src=\"fig.png\" alt=\"fig.png\">", page);
        Assert.Contains("<img src=\"panels/second.png\" alt=\"panels/second.png\">", page);
        // Two 120×80 figures at their natural size: 19,200 magenta pixels when both images loaded and were drawn.
        Assert.InRange(figurePixels, 2 * 120 * 80 * 0.95, 2 * 120 * 80 * 1.05);
    }

    /// <summary>
    /// Dumps the DOM and takes a 1200×900 screenshot of <paramref name="page"/> in one run; fails on console errors or
    /// a blank screenshot. Returns the DOM, and the figure-coloured pixels of the screenshot.
    /// </summary>
    private string Render(string page, out int figurePixels)
    {
        var screenshot = Path.Combine(report.Root, $"screenshot-{Guid.NewGuid():N}.png");
        var (dom, log) = HeadlessChromium.Run(page, "--dump-dom", $"--screenshot={screenshot}", "--window-size=1200,900");
        var errors = log.Split('\n').Where(line => line.Contains("Uncaught", StringComparison.Ordinal) || line.Contains(":CONSOLE", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{page}: console messages:\n{string.Join('\n', errors)}");
        Assert.StartsWith("<!DOCTYPE html>", dom);
        Assert.True(File.Exists(screenshot), $"{page}: no screenshot. Chromium said:\n{log}");
        Assert.True(FakeRuns.NonWhitePixels(screenshot) > 5_000, $"{page}: the screenshot is blank");
        figurePixels = FakeRuns.FigurePixels(screenshot);
        return dom;
    }
}
