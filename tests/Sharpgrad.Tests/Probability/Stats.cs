using Sharpgrad.Probability;

namespace Sharpgrad.Tests.Probability;

/// <summary>Assertions that a Monte Carlo quantity matches its expected value within a number of standard errors.</summary>
internal static class Stats
{
    public static Tensor F64(params double[] values) => Tensor.FromArray(values);

    /// <summary>
    /// Asserts |mean(values) − expected| ≤ k·SE elementwise along dim 0, SE = s/√n, plus a tiny absolute slack for
    /// rounding where the values have (almost) no spread.
    /// </summary>
    public static void WithinStandardErrors(Tensor values, Tensor expected, string what, double k = 4, double slack = 1e-9)
    {
        var v = values.Double();
        int n = v.Size(0);
        var mean = v.Mean(0).ToDoubleArray();
        var se = (v.Std(0) / Math.Sqrt(n)).ToDoubleArray();
        var want = (expected.Count == 1 ? expected.Reshape([]) : expected).Double().Expand(v.Shape[1..]).ToDoubleArray();
        for (int i = 0; i < mean.Length; i++)
            Assert.True(Math.Abs(mean[i] - want[i]) <= k * se[i] + slack * Math.Max(1, Math.Abs(want[i])),
                $"{what}[{i}]: Monte Carlo {mean[i]:G6} ± {se[i]:G3} vs expected {want[i]:G6} ({Math.Abs(mean[i] - want[i]) / se[i]:F1} standard errors)");
    }

    /// <summary>Asserts that samples have the distribution's Mean and Variance, each within 4 standard errors.</summary>
    public static void MomentsMatch(Distribution d, int n = 20_000, long seed = 0)
    {
        var x = d.Sample([n], new Generator(seed)).Double();
        Assert.Equal([n, .. d.BatchShape, .. d.EventShape], x.Shape);
        var mean = d.Mean.Double();
        WithinStandardErrors(x, mean, $"{d.GetType().Name} mean");
        WithinStandardErrors((x - mean).Square(), d.Variance.Double(), $"{d.GetType().Name} variance");
    }

    /// <summary>Asserts that a Monte Carlo estimate is within k standard errors of <paramref name="expected"/>, elementwise.</summary>
    public static void Agrees(MonteCarloEstimate estimate, Tensor expected, string what, double k = 4, double slack = 1e-9)
    {
        var mean = estimate.Mean.ToDoubleArray();
        var se = estimate.StandardError.ToDoubleArray();
        var want = expected.Double().Expand(estimate.Mean.Shape).ToDoubleArray();
        for (int i = 0; i < mean.Length; i++)
            Assert.True(Math.Abs(mean[i] - want[i]) <= k * se[i] + slack * Math.Max(1, Math.Abs(want[i])),
                $"{what}[{i}]: Monte Carlo {mean[i]:G6} ± {se[i]:G3} vs expected {want[i]:G6}");
    }

    public static void Close(double expected, double actual, double tol, string what = "") =>
        Assert.True(Math.Abs(expected - actual) <= tol, $"{what} expected {expected:R}, got {actual:R} (tolerance {tol:G3})");

    public static void AllClose(double[] expected, Tensor actual, double tol = 1e-10)
    {
        var a = actual.ToDoubleArray();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(expected[i] == a[i] || Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"[{i}]: expected {expected[i]:R}, got {a[i]:R}");
    }
}
