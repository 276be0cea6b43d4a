using System.Net;
using System.Text.RegularExpressions;
using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Report;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Report;

/// <summary>`sharpgrad report` on a made-up runs folder: the index, the pages, links that resolve, escaped text.</summary>
public sealed partial class ReportBuilderTests : IDisposable
{
    private readonly FakeReport report = new();

    public void Dispose() => report.Dispose();

    [Fact]
    public void TheIndexListsEveryExperimentByBookAndChapterWithItsStatus()
    {
        var index = report.Page("index.html");
        // GBC first, then the other books by name; chapters in order within a book.
        int gbc = index.IndexOf("Goodfellow, Bengio &amp; Courville, Deep Learning (GBC)", StringComparison.Ordinal);
        int buduma = index.IndexOf("Buduma, Fundamentals of Deep Learning (Buduma)", StringComparison.Ordinal);
        int nyu = index.IndexOf("The NYU deep-learning course notes (NYU)", StringComparison.Ordinal);
        Assert.True(gbc >= 0 && gbc < buduma && buduma < nyu, index);
        Assert.True(index.IndexOf("<h4>Chapter 3</h4>", gbc, StringComparison.Ordinal) < index.IndexOf("<h4>Chapter 4</h4>", gbc, StringComparison.Ordinal));
        // The held experiment cites GBC ch3 and Buduma ch4: it is listed under both.
        Assert.Equal(2, Regex.Matches(index, Regex.Escape("experiments/held-one/index.html")).Count);
        Assert.Contains("4 experiments: 3 run, of which 2 reproduced their claim and 1 did not; 1 not run yet. 1 training runs.", index);
        Assert.Contains("<span class=\"failed\">claim did not hold</span>", index);
        Assert.Contains("<code>sharpgrad experiments run not-run</code>", index);
        // The retired experiment cites no chapter: "Other places" of the book "Some paper".
        Assert.Contains("<h4>Other places</h4>", index);
    }

    [Fact]
    public void AnExperimentPageHasTheClaimEvidenceFiguresNumbersAndCommand()
    {
        var page = report.Page("experiments", "held-one", "index.html");
        Assert.Contains("The claim x &lt; y &amp; &quot;z&quot; &gt; &#39;w&#39;.", page);
        Assert.Contains("<span class=\"held\">claim held</span>", page);
        Assert.Contains("Evidence x &lt; y &amp; &quot;z&quot; &gt; &#39;w&#39;: held.", page);
        Assert.Contains("<pre><code>sharpgrad experiments run held-one --seed 3 --quick</code></pre>", page);
        Assert.Contains("<td>number x &lt; y &amp; &quot;z&quot; &gt; &#39;w&#39;</td>\n<td>0.125</td>", page);
        Assert.Contains("<td>NaN</td>", page);
        Assert.Contains("<img src=\"fig.png\" alt=\"fig.png\">", page);
        Assert.Contains("<img src=\"panels/second.png\" alt=\"panels/second.png\">", page);
        Assert.Contains("<a href=\"table.csv\">table.csv</a>", page);
        Assert.Equal(File.ReadAllBytes(Path.Combine(report.Runs, "held-one", "fig.png")),
            File.ReadAllBytes(Path.Combine(report.Site, "experiments", "held-one", "fig.png")));
    }

    [Fact]
    public void AnExperimentNotRunShowsTheCommandsToRunIt()
    {
        var page = report.Page("experiments", "not-run", "index.html");
        Assert.Contains("This experiment has not been run yet.", page);
        Assert.Contains("<pre><code>sharpgrad experiments run not-run</code></pre>", page);
        Assert.Contains("<pre><code>sharpgrad experiments run not-run --quick</code></pre>", page);
        Assert.Contains("this experiment is no longer in the catalogue", report.Page("experiments", "retired", "index.html"));
    }

    [Fact]
    public void ATrainingRunPageHasItsSettingsCommandNumbersAndFigures()
    {
        var page = report.Page("runs", FakeReport.RunName, "index.html");
        Assert.Contains("Training run mlp &lt;1&gt; &amp; &#39;b&#39; #2", page);
        string folder = Path.Combine(report.TrainingRuns, FakeReport.RunName);
        Assert.Contains($"sharpgrad train --dataset digits --model mlp --epochs 3 --lr 0.1 --batch-size 32 --seed 7 --hidden 32 --optimizer sgd", page);
        Assert.Contains(Html.Escape($"--out {ShellWord.Quote(folder)}"), page);
        // The last epoch's test accuracy 0.8125 and the best one, 0.875 at epoch 2.
        Assert.Contains("<td>81.25%</td>", page);
        Assert.Contains("<td>87.50% (epoch 2)</td>", page);
        Assert.Contains("<img src=\"curves.png\" alt=\"curves.png\">", page);
        Assert.Contains("<img src=\"confusion.png\" alt=\"confusion.png\">", page);
        Assert.True(page.IndexOf("curves.png", StringComparison.Ordinal) < page.IndexOf("confusion.png", StringComparison.Ordinal));
        // The index links to the page with the name percent-encoded.
        Assert.Contains("href=\"runs/mlp%20%3C1%3E%20%26%20%27b%27%20%232/index.html\"", report.Page("index.html"));
    }

    [Fact]
    public void EveryLinkAndImageResolvesToAFileOfTheSite()
    {
        var pages = Directory.GetFiles(report.Site, "*.html", SearchOption.AllDirectories);
        Assert.Equal(6, pages.Length); // the index, four experiments (three in the catalogue, one retired), one training run
        int links = 0;
        foreach (var page in pages)
            foreach (Match match in Reference().Matches(File.ReadAllText(page)))
            {
                var url = WebUtility.HtmlDecode(match.Groups["url"].Value);
                Assert.DoesNotContain("://", url);
                var target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(url)));
                Assert.True(File.Exists(target), $"{page}: {url} → {target} does not exist");
                Assert.StartsWith(Path.GetFullPath(report.Site), target);
                links++;
            }
        Assert.True(links > 15, $"only {links} links and images");
    }

    [Fact]
    public void NoTextFromTheRunsReachesThePagesUnescaped()
    {
        foreach (var page in Directory.GetFiles(report.Site, "*.html", SearchOption.AllDirectories))
        {
            var html = File.ReadAllText(page);
            Assert.DoesNotContain("x < y", html);
            Assert.DoesNotContain("<1>", html);
            Assert.DoesNotContain("<a>", html);
            Assert.DoesNotContain("<script", html);
            Assert.StartsWith("<!DOCTYPE html>", html);
        }
    }

    [Fact]
    public void TheCommandBuildsTheSiteFromTheGivenFolders()
    {
        var output = Path.Combine(report.Root, "second-report");
        var console = new TestConsole { Profile = { Width = 250 } };
        int exit = SharpgradCommandLine.Run(["report", "--runs", report.Runs, "--training-runs", report.TrainingRuns, "--out", output],
            console, new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.Contains("1 training runs", console.Output);
        Assert.Contains(Path.Combine(output, "index.html"), console.Output);
    }

    [Fact]
    public void AnOutputPathOntoAFileFailsWithOneLine()
    {
        var file = Path.Combine(report.Root, "a-file");
        File.WriteAllText(file, "");
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["report", "--runs", report.Runs, "--out", file], new TestConsole(), new StringWriter(), error);
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains($"report --out '{file}' is an existing file", error.ToString());
    }

    [Fact]
    public void HtmlEscapesTheFiveSpecialCharactersAndControlCharacters()
    {
        Assert.Equal("&lt;b&gt; &amp; &quot;q&quot; &#39;s&#39;", Html.Escape("<b> & \"q\" 's'"));
        Assert.Equal("a\uFFFDb\tc\nd", Html.Escape("a\u0001b\tc\nd"));
        Assert.Equal("<a href=\"x%20y.html\">&lt;i&gt;</a>", Html.Link(Html.Url("x y.html"), "<i>").Value);
        Assert.Equal("'it'\\''s'", ShellWord.Quote("it's"));
        Assert.Equal("runs/a-b_1.txt", ShellWord.Quote("runs/a-b_1.txt"));
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>[^\"]*)\"")]
    private static partial Regex Reference();
}
