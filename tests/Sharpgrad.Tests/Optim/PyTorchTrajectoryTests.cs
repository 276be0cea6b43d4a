using Sharpgrad.Tests.Support;

namespace Sharpgrad.Tests.Optim;

/// <summary>
/// Every optimiser follows torch.optim's 10-step trajectory on the fixture problem (float64): the loss before each
/// step and W, b after it.
/// </summary>
public class PyTorchTrajectoryTests
{
    private const double Tolerance = 1e-10;

    // Cases not compared value by value, each for a stated reason; they are reported as skipped, not dropped:
    // - "nadam": PyTorch 1.13's code (which made the fixture) computes the product Π_{t+1} = μ₁⋯μₜ₊₁ as
    //   Π_t·μ_t·μ_{t+1}, counting μ_t twice. Its own documentation, Dozat (2016) and PyTorch 2.x use Π_t·μ_{t+1},
    //   and so do we; BookExampleTests.NAdamFollowsItsDocumentedUpdate checks that rule against its closed form instead.
    private static readonly string[] KnownDeviations = ["nadam"];

    public static TheoryData<string> FirstOrderCases => new(FixtureProblem.Cases
        .Where(c => c.GetProperty("optimizer").GetString() != "LBFGS")
        .Select(c => c.GetProperty("name").GetString()!)
        .Except(KnownDeviations));

    public static TheoryData<string> DeviatingCases => new(KnownDeviations);

    public static TheoryData<string> LbfgsCases => new(FixtureProblem.Cases
        .Where(c => c.GetProperty("optimizer").GetString() == "LBFGS")
        .Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(FirstOrderCases))]
    public void MatchesPyTorch(string name)
    {
        var fixtureCase = FixtureProblem.Case(name);
        var problem = new FixtureProblem();
        var optimizer = problem.CreateOptimizer(fixtureCase);
        int k = 0;
        foreach (var expected in fixtureCase.GetProperty("steps").EnumerateArray())
        {
            double loss = problem.Step(optimizer);
            Assert.True(Math.Abs(loss - expected.GetProperty("loss").GetDouble()) <= Tolerance,
                $"{name} step {k}: loss {loss:R}, PyTorch {expected.GetProperty("loss").GetDouble():R}");
            AssertClose(Fixture.Doubles(expected.GetProperty("W")), problem.W.ToDoubleArray(), $"{name} step {k} W");
            AssertClose(Fixture.Doubles(expected.GetProperty("b")), problem.B.ToDoubleArray(), $"{name} step {k} b");
            k++;
        }
        Assert.Equal(10, k);
    }

    /// <summary>
    /// L-BFGS (with and without the strong-Wolfe line search) follows PyTorch through 3 outer steps of
    /// <c>step(closure)</c>, each of which runs up to max_iter inner iterations: W, b after each step, the loss the
    /// step returns, and the running totals of loss evaluations and iterations.
    /// </summary>
    [Theory]
    [MemberData(nameof(LbfgsCases))]
    public void LbfgsMatchesPyTorch(string name)
    {
        // The issue asks for 1e-5; we hold L-BFGS to the same 1e-10 as the first-order optimisers (the observed
        // differences are below 1e-14: the line search takes PyTorch's branches, so only rounding differs).
        const double lbfgsTolerance = Tolerance;
        var fixtureCase = FixtureProblem.Case(name);
        var problem = new FixtureProblem();
        var optimizer = problem.CreateOptimizer(fixtureCase);
        int k = 0;
        foreach (var expected in fixtureCase.GetProperty("steps").EnumerateArray())
        {
            double loss = problem.Step(optimizer, closure: true);
            Assert.True(Math.Abs(loss - expected.GetProperty("loss").GetDouble()) <= lbfgsTolerance,
                $"{name} step {k}: loss {loss:R}, PyTorch {expected.GetProperty("loss").GetDouble():R}");
            AssertClose(Fixture.Doubles(expected.GetProperty("W")), problem.W.ToDoubleArray(), $"{name} step {k} W", lbfgsTolerance);
            AssertClose(Fixture.Doubles(expected.GetProperty("b")), problem.B.ToDoubleArray(), $"{name} step {k} b", lbfgsTolerance);
            Assert.Equal(expected.GetProperty("loss_after").GetDouble(), problem.Loss().Item(), lbfgsTolerance);
            var state = optimizer.StateOf(problem.W);
            Assert.Equal(expected.GetProperty("func_evals").GetInt32(), (int)state["func_evals"].Item());
            Assert.Equal(expected.GetProperty("n_iter").GetInt32(), (int)state["n_iter"].Item());
            k++;
        }
        Assert.Equal(3, k);
    }

    [Theory(Skip = "PyTorch 1.13's NAdam uses Π_t·μ_t·μ_{t+1} for Π_{t+1} (fixed in PyTorch 2.x); we follow the documented rule.")]
    [MemberData(nameof(DeviatingCases))]
    public void KnownDeviationMatchesPyTorch(string name) => MatchesPyTorch(name);

    [Fact]
    public void FixtureCoversEveryOptimiser()
    {
        var covered = FixtureProblem.Cases.Select(c => c.GetProperty("optimizer").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "SGD", "Adam", "AdamW", "Adagrad", "RMSprop", "Adadelta", "NAdam", "Adamax", "LBFGS" }, covered);
    }

    internal static void AssertClose(double[] expected, double[] actual, string what, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (|diff| = {Math.Abs(expected[i] - actual[i]):E2})");
    }
}
