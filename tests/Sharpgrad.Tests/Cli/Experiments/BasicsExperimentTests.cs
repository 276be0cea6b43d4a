using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>`capacity` and `bias-variance` (GBC §5.2, §5.4.4).</summary>
public class BasicsExperimentTests
{
    [Fact]
    public void DeeperTreesFitTheTrainingSetButNotTheNoise()
    {
        var points = TreeCapacity.Run();
        Assert.Equal(TreeCapacity.MaxDepth, points.Count);
        Assert.Equal(2, points[0].Leaves);                                  // a stump
        Assert.True(points.Zip(points.Skip(1)).All(p => p.Second.Leaves >= p.First.Leaves));
        Assert.True(points[^1].TrainError < 0.05, $"train error {points[^1].TrainError}");
        // No classifier beats the Bayes error, 20% flipped labels, beyond the test set's sampling error (±0.02 at 4000 points).
        Assert.All(points, p => Assert.True(p.TestError > TreeCapacity.LabelNoise - 0.03, $"depth {p.MaxDepth}: {p.TestError}"));
    }

    [Fact]
    public void CapacityExperimentChecksItsClaim()
    {
        var (lines, _, summary) = ExperimentOutput.Run(new CapacityExperiment(), CapacityExperiment.PlotFile, CapacityExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal(1 + TreeCapacity.MaxDepth, lines.Length);
    }

    [Fact]
    public void TheLinearFitsBiasIsTheBestLinesDistanceFromTheSine()
    {
        var points = BiasVariance.Run(resamples: 100);
        // Independent of the bootstrap: the least-squares line to sin 2πx over the inputs' range [0, 1] (the training
        // inputs are uniform there), from a dense grid, and its squared distance from the sine on the test interval.
        Tensor Design(Tensor t) => Tensor.Stack([Tensor.OnesLike(t), t], dim: 1);
        var x = Tensor.Linspace(0, 1, 4001, DType.Float64);
        var line = Linalg.Lstsq(Design(x), (2 * Math.PI * x).Sin().Unsqueeze(1)).Solution;
        var test = Tensor.Linspace(BiasVariance.Margin, 1 - BiasVariance.Margin, 2001, DType.Float64);
        double best = (Design(test).MatMul(line).Reshape(-1) - (2 * Math.PI * test).Sin()).Square().Mean().Item();
        // 30 random inputs are not exactly uniform, so the bootstrap's mean line is near, not at, the best line.
        Assert.InRange(points[0].BiasSquared, 0.8 * best, 1.25 * best);
        Assert.All(points, p => Assert.True(p.Variance > 0));
    }

    [Fact]
    public void BiasVarianceExperimentChecksItsClaim()
    {
        var (lines, _, summary) = ExperimentOutput.Run(new BiasVarianceExperiment(), BiasVarianceExperiment.PlotFile, BiasVarianceExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal(1 + BiasVariance.MaxDegree, lines.Length);
    }
}
