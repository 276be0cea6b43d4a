using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// The stopping tests that <see cref="LineSearchOptimizer"/> and <see cref="HostLbfgs"/> share (PyTorch's
/// LBFGS.step), one by one at their boundaries, and NaN, which must never read as converged.
/// </summary>
public class LineSearchStoppingTests
{
    private static readonly LineSearchStopping Stopping = new(MaxIter: 20, MaxEval: 25, ToleranceGrad: 1e-7, ToleranceChange: 1e-9);

    [Fact]
    public void OptimalityIsMaxAbsGradientAtMostToleranceGrad()
    {
        Assert.True(Stopping.IsOptimal(1e-7));
        Assert.True(Stopping.IsOptimal(0));
        Assert.False(Stopping.IsOptimal(2e-7));
        Assert.False(Stopping.IsOptimal(double.NaN));
    }

    [Fact]
    public void ADirectionMustDescendByAtLeastToleranceChange()
    {
        Assert.True(Stopping.IsNotDescent(0));
        Assert.True(Stopping.IsNotDescent(-0.5e-9));
        Assert.False(Stopping.IsNotDescent(-1e-9));   // exactly −tolerance_change still searches, as in PyTorch (gtd > −tol)
        Assert.False(Stopping.IsNotDescent(-1));
    }

    [Fact]
    public void BudgetsEndTheRun()
    {
        Assert.True(Stopping.IsExhausted(iteration: 20, evaluations: 3, optimal: false));
        Assert.True(Stopping.IsExhausted(iteration: 2, evaluations: 25, optimal: false));
        Assert.True(Stopping.IsExhausted(iteration: 2, evaluations: 3, optimal: true));
        Assert.False(Stopping.IsExhausted(iteration: 19, evaluations: 24, optimal: false));
    }

    [Fact]
    public void ATinyStepOrLossChangeStallsButNaNDoesNot()
    {
        Assert.True(Stopping.IsStalled(maxAbsDirection: 0.5, step: 1e-9, loss: 1, previousLoss: 2));     // |t|·max|d| = 5e−10
        Assert.True(Stopping.IsStalled(maxAbsDirection: 1, step: -1e-10, loss: 1, previousLoss: 2));     // |t| counts
        Assert.True(Stopping.IsStalled(maxAbsDirection: 1, step: 1, loss: 0, previousLoss: 5e-10));  // the loss no longer moves
        Assert.False(Stopping.IsStalled(maxAbsDirection: 1, step: 1, loss: 0, previousLoss: 1e-9));  // a change of exactly tol is progress
        Assert.False(Stopping.IsStalled(maxAbsDirection: double.NaN, step: 1, loss: double.NaN, previousLoss: 1));
    }
}
