using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// The host-array L-BFGS that LogisticRegression uses: the Rosenbrock minimum (N&amp;W §2.1, a closed form), the exact
/// minimiser of a quadratic, and the same path as the tensor <see cref="LBFGS"/> with the same options (both are N&amp;W
/// Alg. 7.4–7.5 with one line search, so they may differ only by the rounding of their dot products).
/// </summary>
public class HostLbfgsTests
{
    // f(a, b) = (1 − a)² + 100(b − a²)², written out with its gradient.
    private static double Rosenbrock(double[] x, double[] gradient)
    {
        double a = x[0], b = x[1], valley = b - a * a;
        gradient[0] = -2 * (1 - a) - 400 * a * valley;
        gradient[1] = 200 * valley;
        return (1 - a) * (1 - a) + 100 * valley * valley;
    }

    [Fact]
    public void ReachesTheRosenbrockMinimum()
    {
        var x = new[] { -1.2, 1.0 };
        var optimizer = new HostLbfgs(maxIter: 200, toleranceGrad: 1e-10, toleranceChange: 1e-15, historySize: 10);
        double loss = optimizer.Minimize(x, Rosenbrock);
        Assert.True(Math.Abs(x[0] - 1) < 1e-6 && Math.Abs(x[1] - 1) < 1e-6, $"stopped at ({x[0]:R}, {x[1]:R})");
        Assert.True(loss < 1e-12, $"f = {loss:R} at the minimum, expected 0");
        Assert.InRange(optimizer.Evaluations, 10, 250);
    }

    [Fact]
    public void TakesTheSameStepsAsTheTensorOptimiser()
    {
        // 30 iterations stop well before convergence, so the two runs are compared along the path, not at the optimum.
        var x = new[] { -1.2, 1.0 };
        var host = new HostLbfgs(maxIter: 30, toleranceGrad: 1e-10, toleranceChange: 1e-15, historySize: 5);
        host.Minimize(x, Rosenbrock);

        var t = Tensor.From(new[] { -1.2, 1.0 }).RequireGrad();
        var tensor = new LBFGS([t], maxIter: 30, toleranceGrad: 1e-10, toleranceChange: 1e-15, historySize: 5, lineSearch: LineSearch.StrongWolfe);
        tensor.Step(() =>
        {
            tensor.ZeroGrad();
            var (a, b) = (t[0], t[1]);
            var loss = (1 - a).Square() + 100 * (b - a.Square()).Square();
            loss.Backward();
            return loss;
        });
        var expected = t.ToArray<double>();
        Assert.True(Math.Abs(expected[0] - 1) > 1e-3, "the comparison should be made before convergence");
        Assert.Equal(expected[0], x[0], 1e-9);
        Assert.Equal(expected[1], x[1], 1e-9);
        Assert.Equal((int)tensor.StateOf(t)["func_evals"].Item(), host.Evaluations);
    }

    [Fact]
    public void FindsTheMinimiserOfAQuadratic()
    {
        // f = ½θᵀAθ − bᵀθ with A = diag(1, 2, …, 6) and b = (1, …, 1): θ* = (1, 1/2, …, 1/6).
        const int n = 6;
        var theta = new double[n];
        new HostLbfgs(maxIter: 100, toleranceGrad: 1e-12, toleranceChange: 1e-15, historySize: 10).Minimize(theta, (x, g) =>
        {
            double f = 0;
            for (int i = 0; i < n; i++)
            {
                g[i] = (i + 1) * x[i] - 1;
                f += 0.5 * (i + 1) * x[i] * x[i] - x[i];
            }
            return f;
        });
        for (int i = 0; i < n; i++) Assert.Equal(1.0 / (i + 1), theta[i], 1e-7); // the loss-change test stops it at ~1e-9
    }

    [Theory]
    [InlineData(0)] // NaN in the first gradient: LINQ's Max skipped it, max|g| read 0 and the run "converged" at once
    [InlineData(1)] // NaN at the line search's first trial point: the run would stop there with unfinished weights
    public void ANonFiniteGradientIsAnErrorNotConvergence(int firstBadEvaluation)
    {
        // f = ½‖θ − 1‖², whose gradient entry 1 turns NaN from a chosen evaluation on.
        int evaluations = 0;
        var theta = new double[3];
        var optimizer = new HostLbfgs(maxIter: 50, toleranceGrad: 1e-8, toleranceChange: 1e-15, historySize: 5, owner: "LogisticRegression");
        var error = Assert.Throws<ArithmeticException>(() => optimizer.Minimize(theta, (x, g) =>
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++)
            {
                g[i] = x[i] - 1;
                f += 0.5 * (x[i] - 1) * (x[i] - 1);
            }
            if (evaluations++ >= firstBadEvaluation) g[1] = double.NaN;
            return f;
        }));
        Assert.Contains("LogisticRegression (L-BFGS)", error.Message);
        Assert.Contains("loss/gradient is not finite", error.Message);
        Assert.Contains("iteration", error.Message);
    }

    [Theory]
    [InlineData(0, 1e-5, 1e-9, 10, "maxIter")]
    [InlineData(10, 1e-5, 1e-9, 0, "historySize")]
    [InlineData(10, -1e-5, 1e-9, 10, "toleranceGrad")]
    [InlineData(10, double.NaN, 1e-9, 10, "toleranceGrad")]
    [InlineData(10, 1e-5, -1.0, 10, "toleranceChange")]
    [InlineData(10, 1e-5, double.NaN, 10, "toleranceChange")]
    public void RejectsBadOptions(int maxIter, double toleranceGrad, double toleranceChange, int historySize, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HostLbfgs(maxIter, toleranceGrad, toleranceChange, historySize, owner: "LogisticRegression"));
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains("LogisticRegression (L-BFGS)", error.Message);
    }
}
