using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>GBC §10.7's vanishing and exploding gradients: exact for linear recurrences, bounded for tanh.</summary>
public class RnnGradientDecayTests
{
    /// <summary>h_t = w ⊙ h_{t−1}: ∂h_t/∂h_{t−k} = diag(wᵏ), whose norm is max |wᵢ|ᵏ (the scalar case is one unit).</summary>
    [Theory]
    [InlineData(new[] { 0.5, -0.95, 0.3 }, 0.95)]
    [InlineData(new[] { 1.2 }, 1.2)]
    public void DiagonalLinearRecurrenceHasExactlyTheBound(double[] w, double largest)
    {
        var weights = Tensor.FromArray(w, w.Length);
        var norms = RnnGradientDecay.JacobianNorms(h => weights * h, Tensor.Ones([w.Length], DType.Float64), 20);
        for (int k = 1; k <= 20; k++)
            Assert.Equal(1, norms[k - 1] / Math.Pow(largest, k), 1e-12);
    }

    [Fact]
    public void LinearCurvesVanishOrExplodeAsRhoToTheKAndTanhStaysBelow()
    {
        var curves = RnnGradientDecay.Run(hidden: 8, maxLag: 12);
        Assert.Equal(4, curves.Count);
        foreach (var c in curves)
            for (int k = 1; k <= 12; k++)
                if (c.Tanh) Assert.True(c.Norms[k - 1] <= c.Bound(k) * (1 + 1e-9), $"{c.Label}: k = {k}, {c.Norms[k - 1]} > ρᵏ = {c.Bound(k)}");
                else Assert.Equal(1, c.Norms[k - 1] / c.Bound(k), 1e-9);
        Assert.True(curves.Single(c => !c.Tanh && c.Radius < 1).Norms[^1] < 0.3);
        Assert.True(curves.Single(c => !c.Tanh && c.Radius > 1).Norms[^1] > 3);
    }

    [Fact]
    public void TheExperimentWritesItsPlotAndCsv()
    {
        var (lines, console, summary) = ExperimentOutput.Run(new RnnGradientDecayExperiment(), RnnGradientDecayExperiment.PlotFile, RnnGradientDecayExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("k,bound_0.9,linear_0.9,tanh_0.9,bound_1.1,linear_1.1,tanh_1.1", lines[0]);
        Assert.Equal(13, lines.Length);
        Assert.Contains("tanh, ρ = 1.1", console);
    }
}
