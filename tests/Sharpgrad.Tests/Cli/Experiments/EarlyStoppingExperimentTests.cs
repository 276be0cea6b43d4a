using Sharpgrad.Cli.Experiments;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>The catalogue's early-stopping experiment (GBC Fig. 7.3, §7.8) in its quick mode, and the quadratic's closed forms.</summary>
public class EarlyStoppingExperimentTests
{
    [Fact]
    public void QuickRunFindsAnInteriorMinimumRestoresItAndMatchesL2()
    {
        var (csv, _, summary) = ExperimentOutput.Run(new EarlyStoppingExperiment(), EarlyStoppingExperiment.CurvesFile, EarlyStoppingExperiment.CsvFile);
        Assert.True(summary.Outcome.Check.Holds, summary.Outcome.Check.Evidence);
        Assert.Equal("epoch,step,train_loss,validation_loss", csv[0]);
        var numbers = summary.Outcome.KeyNumbers.ToDictionary(n => n.Name, n => n.Value);
        // 100 training digits in batches of 20: 5 steps an epoch, so i* = 5 × best epoch.
        Assert.Equal(5 * numbers["best epoch"], numbers["i* (steps)"]);
        Assert.True(numbers["best epoch"] < numbers["epochs run"]);
        // The run stops p = 20 epochs after the best one (or at the 150-epoch cap).
        Assert.Equal(Math.Min(numbers["best epoch"] + 20, 150), numbers["epochs run"]);
        Assert.Equal(numbers["best validation loss"], numbers["restored validation loss"], 1e-6);
        Assert.True(numbers["final validation loss"] > numbers["best validation loss"]);
        Assert.InRange(numbers["worst matched α·τε in the regime"], 0.9, 1.1);
    }

    [Fact]
    public void DescentOnTheQuadraticFollowsEq740()
    {
        // Along eigenvalue λ, τ steps from 0 reach 1 − (1 − ελ)^τ of w* (GBC Eq. 7.40); L2 keeps λ/(λ + α) (Eq. 7.41).
        var rows = EarlyStoppingAsL2.Run([10, 100], directions: 5);
        var eigenvalues = EarlyStoppingAsL2.Eigenvalues(5);
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], eigenvalues, (a, b) => Math.Abs(a - b) <= 1e-15 * Math.Max(1, b));
        foreach (var row in rows)
            for (int i = 0; i < eigenvalues.Length; i++)
            {
                Assert.Equal(1 - Math.Pow(1 - EarlyStoppingAsL2.LearningRate * eigenvalues[i], row.Steps), row.DescentFraction[i], 1e-12);
                double alpha = 1 / (row.Steps * EarlyStoppingAsL2.LearningRate);
                Assert.Equal(eigenvalues[i] / (eigenvalues[i] + alpha), row.RidgeFraction[i], 1e-15);
            }
        // τ = 10, λ = 1: ε λ τ = 1 is outside the regime, and there GD is ahead of L2 (0.651 vs 0.5).
        Assert.Equal(1 - Math.Pow(0.9, 10), rows[0].DescentFraction[4], 1e-12);
        Assert.Equal(0.5, rows[0].RidgeFraction[4], 1e-15);
    }
}
