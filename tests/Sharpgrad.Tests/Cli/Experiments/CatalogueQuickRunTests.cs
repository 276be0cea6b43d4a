using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;
using Xunit.Abstractions;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>
/// The catalogue's CI check: <c>sharpgrad experiments run --all --quick</c> runs every experiment in its quick mode and
/// each one's own check of its claim must hold. The individual experiments' tests assert more specific numbers.
/// </summary>
public sealed class CatalogueQuickRunTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "sharpgrad-catalogue-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void EveryExperimentReproducesItsClaimInQuickMode()
    {
        var console = new TestConsole { Profile = { Width = 300 } };
        int exit = SharpgradCommandLine.Run(["experiments", "run", "--all", "--quick", "--out", root], console, new StringWriter(), new StringWriter());
        var lines = new List<string>();
        foreach (var experiment in ExperimentRegistry.All)
        {
            var path = Path.Combine(root, experiment.Info.Id, ExperimentSummaryJson.FileName);
            if (!File.Exists(path))
            {
                lines.Add($"{experiment.Info.Id}: no summary (skipped for missing data, or failed; see the console below)");
                continue;
            }
            var summary = ExperimentSummaryJson.Read(path);
            lines.Add($"{summary.Info.Id}: {(summary.Outcome.Check.Holds ? "holds" : "DOES NOT HOLD")} in {summary.Elapsed.TotalSeconds:0.0} s: {summary.Outcome.Check.Evidence}");
            Assert.True(summary.Quick);
        }
        output.WriteLine(string.Join('\n', lines));
        Assert.True(exit == 0, "experiments run --all --quick failed:\n" + console.Output);
        // Skips are allowed only for data a package provides; everything else must have run.
        var missing = lines.Where(l => l.Contains("no summary", StringComparison.Ordinal)).ToList();
        Assert.All(missing, l => Assert.Contains("skipped", console.Output));
    }
}
