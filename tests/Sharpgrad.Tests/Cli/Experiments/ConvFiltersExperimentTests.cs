using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The conv-filters experiment: its filter statistics on hand-computed cases, its quick run, and its check failing on made-up numbers.</summary>
public class ConvFiltersExperimentTests
{
    [Fact]
    public void QuickRunSmoothsTheFirstLayerFilters()
    {
        var (csv, console, summary) = ExperimentOutput.Run(new ConvFiltersExperiment(), ConvFiltersExperiment.TrainedFiltersFile, ConvFiltersExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("filter,roughness_initial,roughness_trained,edge_correlation_initial,edge_correlation_trained", csv[0]);
        Assert.Equal(1 + 6, csv.Length);   // six 3×3 filters
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        Assert.Equal(8.0 / 3, numbers["white-noise roughness"], 12);   // 4(k − 1)/k at k = 3
        // Six uniform filters are a small sample of white noise: near 8/3, not on it.
        Assert.InRange(numbers["mean roughness, initial"], 1.8, 3.5);
        Assert.InRange(numbers["mean roughness, trained"], 0.5, ConvFiltersExperiment.RoughnessRatio * numbers["mean roughness, initial"]);
        Assert.InRange(numbers["test accuracy"], 0.9, 1.0);
        Assert.InRange(numbers["mean edge correlation, trained"], 0.2, 1.0);   // the maps' magnitude follows the edges
        foreach (var file in new[] { ConvFiltersExperiment.InitialFiltersFile, ConvFiltersExperiment.ImageFile, ConvFiltersExperiment.FeatureMapsFile })
            Assert.Contains(summary.Outcome.Files, f => f.EndsWith(file, StringComparison.Ordinal));
        Assert.Contains("white noise", console);
    }

    [Fact]
    public void CheckFailsWhenTrainingLeavesTheFiltersRough()
    {
        var filters = Tensor.Zeros(6, 3, 3);
        double[] same = [2.5, 2.5, 2.5, 2.5, 2.5, 2.5], slightlySmoother = [2.2, 2.2, 2.2, 2.2, 2.2, 2.2], edges = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
        ConvFiltersResult Result(double accuracy, double[] trained) => new("made up", accuracy, filters, filters, Tensor.Zeros(1, 8, 8), filters, same, trained, edges, edges);
        Assert.False(ConvFiltersExperiment.Check(Result(0.95, slightlySmoother)).Holds);   // 0.88 of the initial roughness
        Assert.False(ConvFiltersExperiment.Check(Result(0.30, [1, 1, 1, 1, 1, 1])).Holds);  // smooth, but nothing learned
        Assert.True(ConvFiltersExperiment.Check(Result(0.95, [1, 1, 1, 1, 1, 1])).Holds);
    }

    [Fact]
    public void RoughnessIsZeroForConstantFiltersAndSixteenThirdsForACheckerboard()
    {
        Assert.Equal(0, FilterStatistics.Roughness(Tensor.FromArray(new double[9].Select(_ => 0.7).ToArray(), 1, 3, 3)), 12);
        // ±1 checkerboard: 12 neighbour differences of 2 each, 48 over an energy of 9.
        var checkerboard = Enumerable.Range(0, 9).Select(p => p % 2 == 0 ? 1.0 : -1.0).ToArray();
        Assert.Equal(16.0 / 3, FilterStatistics.Roughness(Tensor.FromArray(checkerboard, 1, 3, 3)), 12);
        // A single corner weight: one horizontal and one vertical difference of 1, energy 1.
        Assert.Equal(2, FilterStatistics.Roughness(Tensor.FromArray(new double[] { 1, 0, 0, 0 }, 1, 2, 2)), 12);
        Assert.Throws<ArgumentException>(() => FilterStatistics.Roughness(Tensor.Zeros(3, 3)));
    }

    [Fact]
    public void RoughnessOfGaussianNoiseMatchesTheClosedForm()
    {
        Assert.Equal(3.2, FilterStatistics.WhiteNoiseRoughness(5), 12);   // 4·4/5
        var noise = Tensor.Randn([4000, 5, 5], DType.Float64, new Generator(7));
        Assert.Equal(3.2, FilterStatistics.Roughness(noise), 1);
    }

    [Fact]
    public void EdgeCorrelationIsOneForAMapShapedLikeTheEdgesAndMinusOneForItsComplement()
    {
        // A 4×4 step, columns 0 0 1 1. Its edge strength |∇x|/2 by central differences, zero outside, worked by hand:
        // rows 0 and 3: 0, ½, √2/2, √2/2 (the step and the image border); rows 1 and 2: 0, ½, ½, ½.
        var image = Tensor.FromArray(Enumerable.Range(0, 16).Select(p => p % 4 >= 2 ? 1.0 : 0.0).ToArray(), 1, 1, 4, 4);
        double h = Math.Sqrt(2) / 2;
        double[] edge = [0, 0.5, h, h, 0, 0.5, 0.5, 0.5, 0, 0.5, 0.5, 0.5, 0, 0.5, h, h];
        var alongEdges = Tensor.FromArray(edge.Select(e => -3 * e).ToArray(), 1, 1, 4, 4);   // magnitude 3·edge
        var awayFromEdges = Tensor.FromArray(edge.Select(e => 1 - e).ToArray(), 1, 1, 4, 4);
        Assert.Equal(1, FilterStatistics.EdgeCorrelation(image, alongEdges), 12);
        Assert.Equal(-1, FilterStatistics.EdgeCorrelation(image, awayFromEdges), 12);
        Assert.Equal(0, FilterStatistics.EdgeCorrelation(image, Tensor.Cat([alongEdges, awayFromEdges], 1)), 12);
        Assert.Throws<ArgumentException>(() => FilterStatistics.EdgeCorrelation(image, Tensor.Zeros(1, 1, 3, 4)));
    }
}
