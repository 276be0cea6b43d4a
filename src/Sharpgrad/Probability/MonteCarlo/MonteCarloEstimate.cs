using System.Globalization;

namespace Sharpgrad.Probability;

/// <summary>
/// A Monte Carlo estimate ŝₙ of an expectation with its standard error and a 95% confidence interval (GBC §17.1):
/// by the central limit theorem ŝₙ is approximately N(s, Var[f]/n), so ŝₙ ± 1.96·SE covers the true value s in
/// about 95% of runs. Every statistic has the shape of one f(x) (a scalar for a scalar integrand).
/// </summary>
public sealed class MonteCarloEstimate
{
    /// <summary>The standard-normal quantile Φ⁻¹(0.975) of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    internal MonteCarloEstimate(Tensor mean, Tensor standardError, int sampleCount, Tensor effectiveSampleSize)
    {
        Mean = mean;
        StandardError = standardError;
        SampleCount = sampleCount;
        EffectiveSampleSize = effectiveSampleSize;
    }

    /// <summary>The estimate ŝₙ. It stays differentiable when f(x) is, so it can serve as a stochastic objective.</summary>
    public Tensor Mean { get; }

    /// <summary>The estimated standard deviation of ŝₙ: √(Var[f]/n) for plain Monte Carlo.</summary>
    public Tensor StandardError { get; }

    /// <summary>The number of samples n drawn.</summary>
    public int SampleCount { get; }

    /// <summary>
    /// The number of independent samples worth the same precision: n for plain Monte Carlo and
    /// (Σw)²/Σw² for importance sampling, which falls when a few weights dominate (GBC §17.2).
    /// </summary>
    public Tensor EffectiveSampleSize { get; }

    /// <summary>The lower end of the 95% confidence interval, ŝₙ − 1.96·SE.</summary>
    public Tensor Lower => Mean.Detach() - Z95 * StandardError;

    /// <summary>The upper end of the 95% confidence interval, ŝₙ + 1.96·SE.</summary>
    public Tensor Upper => Mean.Detach() + Z95 * StandardError;

    /// <summary>
    /// The sample mean of <paramref name="values"/> along dim 0 (one row per sample) with the standard error s/√n,
    /// s the sample standard deviation (n − 1 in its denominator). Integer or bool values (indicators) are averaged
    /// in float64.
    /// </summary>
    public static MonteCarloEstimate FromValues(Tensor values)
    {
        if (values.Rank == 0 || values.Size(0) < 2)
            throw new ArgumentException($"MonteCarloEstimate: need at least 2 samples along dim 0 to estimate an error, got shape {ShapeUtil.Format(values.Shape)}.");
        var v = values.DType.IsFloatingPoint() ? values : values.To(DType.Float64);
        int n = v.Size(0);
        Tensor standardError;
        using (Autograd.NoGrad()) standardError = v.Std(0) / Math.Sqrt(n);
        return new MonteCarloEstimate(v.Mean(0), standardError, n, Tensor.Full(standardError.Shape, n, standardError.DType));
    }

    public override string ToString()
    {
        if (Mean.Count != 1) return $"MonteCarloEstimate(mean: {Mean}, standard error: {StandardError}, n = {SampleCount})";
        string F(Tensor t) => t.Item().ToString("G6", CultureInfo.InvariantCulture);
        return $"{F(Mean)} ± {F(StandardError)} (95% CI [{F(Lower)}, {F(Upper)}], n = {SampleCount})";
    }
}
