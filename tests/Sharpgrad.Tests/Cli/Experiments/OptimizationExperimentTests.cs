using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>`momentum` (Buduma ch4) and `second-order` (GBC §8.6).</summary>
public class OptimizationExperimentTests
{
    [Fact]
    public void MomentumExperimentChecksItsClaim()
    {
        var (lines, _, summary) = ExperimentOutput.Run(new MomentumExperiment(), MomentumExperiment.PlotFile, MomentumExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("step,momentum_0,momentum_0.5,momentum_0.9,momentum_0.99", lines[0]);
        Assert.Equal(1 + MomentumExperiment.QuickSteps, lines.Length);
        // Every run starts from the same weights and minibatch, so the first losses agree exactly.
        var first = lines[1].Split(',')[1..];
        Assert.All(first, v => Assert.Equal(first[0], v));
    }

    [Fact]
    public void StepsToTheThresholdReadTheTrailingMean()
    {
        double[] losses = [.. Enumerable.Repeat(1.0, 30), .. Enumerable.Repeat(0.0, 30)];
        // The trailing mean of 25 falls below 0.5 once 13 of its 25 values are 0: step 30 + 13 = 43.
        Assert.Equal(43, MomentumSweep.StepsTo(losses));
        Assert.Null(MomentumSweep.StepsTo([.. Enumerable.Repeat(1.0, 100)]));
    }

    [Fact]
    public void SecondOrderMethodsSolveRosenbrockAndTheExperimentChecksItsClaim()
    {
        var (_, _, summary) = ExperimentOutput.Run(new SecondOrderExperiment(), SecondOrderExperiment.PlotFile, SecondOrderExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        // Rosenbrock's minimum is f(1, 1) = 0 (Nocedal & Wright §2.1): L-BFGS's final loss is rounding noise.
        Assert.Contains(summary.Outcome.KeyNumbers, n => n.Name == "Rosenbrock, L-BFGS: final loss" && n.Value < 1e-10);
        Assert.Contains(summary.Outcome.KeyNumbers, n => n.Name == "Rosenbrock, SGD: final loss" && n.Value > 1e-4);
    }
}
