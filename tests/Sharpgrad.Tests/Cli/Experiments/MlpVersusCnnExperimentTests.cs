using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The catalogue's mlp-vs-cnn experiment in its quick mode (one seed); the five-seed run is MlpVersusCnnTests.</summary>
public class MlpVersusCnnExperimentTests
{
    [Fact]
    public void QuickRunTiesTheTwoModelsAndDrawsTheFourFilters()
    {
        var (csv, console, summary) = ExperimentOutput.Run(new MlpVersusCnnExperiment(), MlpVersusCnnExperiment.PlotFile, MlpVersusCnnExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("seed,mlp_accuracy,cnn_accuracy", csv[0]);
        Assert.Equal(1 + MlpVersusCnnExperiment.QuickSeeds, csv.Length);
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        Assert.Equal(2410, numbers["MLP parameters"]);   // 64·32 + 32 + 32·10 + 10
        Assert.Equal(2450, numbers["CNN parameters"]);   // 4·9 + 4 + 64·32 + 32 + 32·10 + 10
        Assert.InRange(numbers["MLP mean test accuracy"], 0.85, 1.0);
        Assert.InRange(numbers["CNN mean test accuracy"], 0.85, 1.0);
        Assert.Contains(summary.Outcome.Files, f => f.EndsWith(MlpVersusCnnExperiment.FiltersFile, StringComparison.Ordinal));
        Assert.Contains("CNN conv", console);
    }
}
