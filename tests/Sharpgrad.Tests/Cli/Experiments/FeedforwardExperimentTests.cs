using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>`xor` (GBC §6.1) and `init-scales` (GBC §8.4) against their closed forms.</summary>
public class FeedforwardExperimentTests
{
    [Fact]
    public void XorMatchesTheBooksWorkedExample()
    {
        var r = Xor.Run();
        // GBC §6.1: the normal equations give w = 0, b = ½ and MSE ¼.
        Assert.All(r.LinearWeights, w => Assert.Equal(0, w, 1e-12));
        Assert.Equal(0.5, r.LinearBias, 1e-12);
        Assert.Equal(0.25, r.LinearMse, 1e-12);
        // The book's network: h = max(0, Wᵀx + c) sends (0,0) → (0,0), (0,1) and (1,0) → (1,0), (1,1) → (2,1), then w = (1, −2) gives XOR.
        Assert.Equal(new double[,] { { 0, 0 }, { 1, 0 }, { 1, 0 }, { 2, 1 } }, r.BookHidden);
        Assert.Equal([0.0, 1, 1, 0], r.BookOutputs);
        Assert.Equal(Xor.Starts, r.TrainedMses.Length);
    }

    [Fact]
    public void XorExperimentChecksItsClaim()
    {
        var (lines, _, summary) = ExperimentOutput.Run(new XorExperiment(), XorExperiment.PlotFile, XorExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("x1,x2,target,h1,h2,book_output,linear_output", lines[0]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void TooSmallWeightsShrinkTheSignalByTheClosedFormFactor()
    {
        const int width = 64, depth = 6;
        var runs = InitScales.Run(width, depth, batch: 512);
        // N(0, σ²) weights with σ√n ≪ 1 keep tanh in its linear range, so each layer multiplies the std by σ√n.
        double expected = Math.Pow(0.01 * Math.Sqrt(width), depth - 1);
        double measured = runs[0].ActivationStd[^1] / runs[0].ActivationStd[0];
        Assert.InRange(measured / expected, 0.8, 1.25);
        // Kaiming with ReLU keeps the pre-activations' second moment: the std stays within a factor of 2.
        Assert.InRange(runs[4].PreActivationStd[^1] / runs[4].PreActivationStd[0], 0.5, 2);
        Assert.All(runs.Where(r => r.Relu), r => Assert.All(r.SaturatedFraction, f => Assert.Equal(0, f)));
    }

    [Fact]
    public void InitScalesExperimentChecksItsClaim()
    {
        var (lines, _, summary) = ExperimentOutput.Run(new InitScalesExperiment(), InitScalesExperiment.PlotFile, InitScalesExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal(1 + 5 * 8, lines.Length);   // five schemes × eight layers in the quick run
    }
}
