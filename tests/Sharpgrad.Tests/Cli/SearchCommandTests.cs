using System.Globalization;
using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Plots;
using Sharpgrad.Cli.Training;
using Sharpgrad.Training;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>`sharpgrad search` and the histogram plot.</summary>
public sealed class SearchCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sharpgrad-search-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Space(string json)
    {
        var path = Path.Combine(root, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(args, new TestConsole(), new StringWriter(), error);
        return (exit, error.ToString());
    }

    [Fact]
    public void AGridSearchTrainsEveryCombinationAndRanksThemInSearchCsv()
    {
        var space = Space("""
            {
              "method": "grid",
              "metric": "validation_loss",
              "fixed": { "epochs": 2, "batch-size": 64 },
              "parameters": {
                "lr": { "values": [0.0001, 0.1] },
                "hidden": { "values": ["8", "16,8"] }
              }
            }
            """);
        var output = Path.Combine(root, "grid");
        var (exit, error) = Run("search", "--space", space, "--out", output);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = File.ReadAllLines(Path.Combine(output, SearchJob.ResultsFileName));
        Assert.Equal("rank,trial,lr,hidden,validation_loss,best_epoch,epochs,train_loss,validation_accuracy", lines[0]);
        Assert.Equal(5, lines.Length);
        var losses = lines[1..].Select(l => double.Parse(l.Split(',')[^5], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(losses.Order(), losses);
        // A learning rate of 1e-4 barely moves in two epochs, so both of its trials rank below both lr = 0.1 trials.
        Assert.All(lines[3..], l => Assert.Contains(",0.0001,", l));
    }

    [Fact]
    public void RandomSearchTakesItsTrialCountFromTheCommandLine()
    {
        var space = Space("""{ "fixed": {"epochs": 1, "hidden": "8", "batch-size": 128}, "parameters": { "lr": { "log_uniform": [0.01, 0.5] } } }""");
        var plan = SearchPlan.Load(space);
        Assert.Equal(SearchMethod.Random, plan.Method);
        Assert.Same(TrainingMetric.ValidationAccuracy, plan.Metric);
        Assert.All(plan.CreateTrials(50), t => Assert.InRange(t.Get<double>("lr"), 0.01, 0.5));

        var output = Path.Combine(root, "random");
        Assert.Equal(0, Run("search", "--space", space, "--trials", "2", "--out", output).Exit);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, SearchJob.ResultsFileName)).Length);
    }

    [Fact]
    public void TheResultsTableShowsFourSignificantDigitsWholeHeadersAndFitsInAHundredAndTwentyColumns()
    {
        var space = Space("""
            { "metric": "validation_accuracy", "fixed": {"epochs": 1, "batch-size": 128},
              "parameters": { "lr": { "log_uniform": [0.01, 0.5] }, "weight-decay": { "log_uniform": [1e-6, 1e-3] }, "hidden": { "values": ["8"] } } }
            """);
        var console = new TestConsole().Width(120);
        var results = new SearchJob(console).Search(new SearchSettings(space, 2, Path.Combine(root, "table")));

        var lines = console.Output.Split('\n');
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"{l.TrimEnd().Length} columns: {l}"));
        var header = Assert.Single(lines, l => l.Contains(" rank "));
        foreach (var name in new[] { "trial", "lr", "weight-decay", "hidden", "validation_accuracy", "best epoch" })
            Assert.Contains(name, header);
        foreach (var trial in results.Ranked)
        {
            double lr = trial.Trial.Get<double>("lr");
            Assert.NotEqual(lr.ToString("R", CultureInfo.InvariantCulture), lr.ToString("G4", CultureInfo.InvariantCulture)); // a log-uniform draw has more digits ...
            Assert.Contains(lines, l => l.Contains(" " + lr.ToString("G4", CultureInfo.InvariantCulture) + " ")); // ... than the table shows
            Assert.DoesNotContain(lr.ToString("R", CultureInfo.InvariantCulture), console.Output);
        }
    }

    [Theory]
    [InlineData("""{ "parameters": { "lr": { "normal": [0, 1] } } }""", "unknown distribution \"normal\"")]
    [InlineData("""{ "method": "grid", "parameters": { "lr": { "uniform": [0.1, 1] } } }""", "a grid needs a list of values")]
    [InlineData("""{ "parameters": { "lr": { "values": [-1] } } }""", "--lr must be a positive number, got '-1'")]
    [InlineData("""{ "parameters": { "--lr": { "values": [1] } } }""", "without dashes")]
    [InlineData("""{ "parameters": { "out": { "values": ["x"] } } }""", "managed by the search")]
    [InlineData("""{ "parameters": { "lr": { "values": [0.1] } }, "trails": 3 }""", "unknown entry \"trails\"")]
    [InlineData("""{ "parameters": """, "not valid JSON")]
    public void ABadPlanFailsBeforeAnyTrainingWithTheFileNamed(string json, string message)
    {
        var space = Space(json);
        var (exit, error) = Run("search", "--space", space, "--out", Path.Combine(root, "bad"));
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains(Path.GetFileName(space), error);
        Assert.Contains(message, error);
        Assert.False(File.Exists(Path.Combine(root, "bad", SearchJob.ResultsFileName)));
    }

    [Fact]
    public void AMissingPlanIsAUsageError()
    {
        var (exit, error) = Run("search", "--space", Path.Combine(root, "none.json"));
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("--space must be an existing file", error);
    }

    [Fact]
    public void HistogramPlotWritesAPng()
    {
        var path = Path.Combine(root, "h.png");
        HistogramPlot.Save(path, [("weights", Histogram.Of(Tensor.Randn([1000], DType.Float32, new Generator(1)))), ("constant", Histogram.Of(Tensor.Ones(5)))]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(path)[..4]);
    }
}
