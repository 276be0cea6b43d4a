namespace Sharpgrad.Probability;

/// <summary>
/// Monte Carlo estimates of expectations s = E_p[f(x)] (GBC §17.1–17.2). The integrand f receives all n samples at
/// once, stacked along dim 0 (shape [n] + batch + event), and returns one value per sample along dim 0 — write it
/// with tensor ops, e.g. <c>x => x.Square()</c>.
/// </summary>
public static class MonteCarlo
{
    /// <summary>ŝₙ = (1/n) Σ f(x⁽ⁱ⁾) with x⁽ⁱ⁾ ~ p (GBC eq. 17.2), its standard error and 95% interval.</summary>
    public static MonteCarloEstimate Estimate(Func<Tensor, Tensor> f, Distribution p, int n, Generator? generator = null)
    {
        RequireSamples(n, "MonteCarlo.Estimate");
        return MonteCarloEstimate.FromValues(f(p.Sample([n], generator)));
    }

    /// <summary>
    /// Importance sampling (GBC eq. 17.10): E_p[f] = E_q[(p/q) f], estimated from n samples of the proposal q.
    /// Unbiased; its variance is small when q is close to |f|p (eq. 17.13). q must cover every x where p·f ≠ 0.
    /// </summary>
    public static MonteCarloEstimate ImportanceSampling(Func<Tensor, Tensor> f, Distribution target, Distribution proposal, int n, Generator? generator = null) =>
        ImportanceSampling(f, target.LogProb, proposal, n, generator);

    /// <summary>Importance sampling with the target given by its normalised log-density log p(x).</summary>
    public static MonteCarloEstimate ImportanceSampling(Func<Tensor, Tensor> f, Func<Tensor, Tensor> logTarget, Distribution proposal, int n, Generator? generator = null)
    {
        RequireSamples(n, "MonteCarlo.ImportanceSampling");
        var x = proposal.Sample([n], generator);
        var values = f(x);
        var weights = (logTarget(x) - proposal.LogProb(x)).Exp();
        var estimate = MonteCarloEstimate.FromValues(ProbabilityMath.AlignLeft(weights, values.Rank) * values);
        return new MonteCarloEstimate(estimate.Mean, estimate.StandardError, n, EffectiveSampleSize(weights, values.Rank));
    }

    /// <summary>
    /// Self-normalised (biased) importance sampling (GBC eq. 17.14): Σ w⁽ⁱ⁾ f(x⁽ⁱ⁾) / Σ w⁽ⁱ⁾ with w = p̃/q. Only an
    /// unnormalised log-density log p̃ is needed, since the unknown normaliser cancels — the usual case for
    /// energy-based models. The standard error is the delta-method one, √(Σ w̄ᵢ² (fᵢ − ŝ)²) with w̄ the
    /// normalised weights.
    /// </summary>
    public static MonteCarloEstimate SelfNormalizedImportanceSampling(Func<Tensor, Tensor> f, Func<Tensor, Tensor> logUnnormalizedTarget,
        Distribution proposal, int n, Generator? generator = null)
    {
        RequireSamples(n, "MonteCarlo.SelfNormalizedImportanceSampling");
        var x = proposal.Sample([n], generator);
        var values = f(x);
        if (!values.DType.IsFloatingPoint()) values = values.To(DType.Float64);
        var normalized = ProbabilityMath.AlignLeft((logUnnormalizedTarget(x) - proposal.LogProb(x)).Softmax(0), values.Rank);
        var mean = (normalized * values).Sum(0);
        Tensor standardError;
        using (Autograd.NoGrad()) standardError = (normalized.Square() * (values - mean).Square()).Sum(0).Sqrt();
        return new MonteCarloEstimate(mean, standardError, n, EffectiveSampleSize(normalized, values.Rank));
    }

    /// <summary>Kish's effective sample size (Σw)²/Σw² of importance weights along dim 0.</summary>
    private static Tensor EffectiveSampleSize(Tensor weights, int rank)
    {
        using var _ = Autograd.NoGrad();
        var w = ProbabilityMath.AlignLeft(weights, rank);
        return w.Sum(0).Square() / w.Square().Sum(0);
    }

    private static void RequireSamples(int n, string op)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), $"{op}: need at least 2 samples to estimate an error, got n = {n}.");
    }
}
