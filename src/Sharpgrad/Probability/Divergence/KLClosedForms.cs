namespace Sharpgrad.Probability;

/// <summary>
/// The closed-form KL divergences between members of the same family, as in torch.distributions.kl. Each is
/// E_p[log p − log q] integrated by hand; the tests check every one against a Monte Carlo estimate.
/// </summary>
internal static class KLClosedForms
{
    public static void RegisterAll()
    {
        KL.Register<Bernoulli, Bernoulli>(BernoulliBernoulli);
        KL.Register<Categorical, Categorical>(CategoricalCategorical);
        KL.Register<Normal, Normal>(NormalNormal);
        KL.Register<Laplace, Laplace>(LaplaceLaplace);
        KL.Register<Exponential, Exponential>(ExponentialExponential);
        KL.Register<Uniform, Uniform>(UniformUniform);
        KL.Register<Gamma, Gamma>(GammaGamma);
        KL.Register<Beta, Beta>(BetaBeta);
        KL.Register<Dirichlet, Dirichlet>(DirichletDirichlet);
        KL.Register<MultivariateNormal, MultivariateNormal>(MultivariateNormalMultivariateNormal);
    }

    /// <summary>
    /// p log(p/q) + (1−p) log((1−p)/(1−q)), written with softplus of the logits for stability. Terms with zero
    /// weight are 0 (0·log 0 = 0); mass where q has none gives +∞.
    /// </summary>
    private static Tensor BernoulliBernoulli(Bernoulli p, Bernoulli q)
    {
        var one = p.Probs * ((-q.Logits).Softplus() - (-p.Logits).Softplus());
        one = Tensor.Where(q.Probs.Eq(0), double.PositiveInfinity, one);
        one = Tensor.Where(p.Probs.Eq(0), 0, one);
        var zero = (1 - p.Probs) * (q.Logits.Softplus() - p.Logits.Softplus());
        zero = Tensor.Where(q.Probs.Eq(1), double.PositiveInfinity, zero);
        zero = Tensor.Where(p.Probs.Eq(1), 0, zero);
        return one + zero;
    }

    /// <summary>Σₖ pₖ (log pₖ − log qₖ), with 0·log 0 = 0 and +∞ where pₖ &gt; 0 = qₖ.</summary>
    private static Tensor CategoricalCategorical(Categorical p, Categorical q)
    {
        var terms = p.Probs * (p.Logits - q.Logits);
        terms = Tensor.Where(q.Probs.Eq(0), double.PositiveInfinity, terms);
        terms = Tensor.Where(p.Probs.Eq(0), 0, terms);
        return terms.Sum(-1);
    }

    /// <summary>½ (σₚ²/σ_q² + ((μₚ − μ_q)/σ_q)² − 1 − log(σₚ²/σ_q²)).</summary>
    private static Tensor NormalNormal(Normal p, Normal q)
    {
        var varianceRatio = (p.Scale / q.Scale).Square();
        var meanTerm = ((p.Loc - q.Loc) / q.Scale).Square();
        return 0.5 * (varianceRatio + meanTerm - 1 - varianceRatio.Log());
    }

    /// <summary>−log(bₚ/b_q) + |μₚ − μ_q|/b_q + (bₚ/b_q) e^(−|μₚ − μ_q|/bₚ) − 1.</summary>
    private static Tensor LaplaceLaplace(Laplace p, Laplace q)
    {
        var scaleRatio = p.Scale / q.Scale;
        var distance = (p.Loc - q.Loc).Abs();
        return -scaleRatio.Log() + distance / q.Scale + scaleRatio * (-distance / p.Scale).Exp() - 1;
    }

    /// <summary>log(λₚ/λ_q) + λ_q/λₚ − 1.</summary>
    private static Tensor ExponentialExponential(Exponential p, Exponential q)
    {
        var rateRatio = q.Rate / p.Rate;
        return -rateRatio.Log() + rateRatio - 1;
    }

    /// <summary>log((b_q − a_q)/(bₚ − aₚ)) when [aₚ, bₚ) ⊆ [a_q, b_q), else +∞.</summary>
    private static Tensor UniformUniform(Uniform p, Uniform q)
    {
        var result = ((q.High - q.Low) / (p.High - p.Low)).Log();
        var outside = (q.Low.Gt(p.Low).Long() + q.High.Lt(p.High).Long()).Gt(0);
        return Tensor.Where(outside, double.PositiveInfinity, result);
    }

    /// <summary>α_q log(βₚ/β_q) + log Γ(α_q) − log Γ(αₚ) + (αₚ − α_q)ψ(αₚ) + (β_q − βₚ)αₚ/βₚ.</summary>
    private static Tensor GammaGamma(Gamma p, Gamma q) =>
        q.Concentration * (p.Rate / q.Rate).Log()
        + q.Concentration.Lgamma() - p.Concentration.Lgamma()
        + (p.Concentration - q.Concentration) * p.Concentration.Digamma()
        + (q.Rate - p.Rate) * (p.Concentration / p.Rate);

    /// <summary>
    /// log B(α_q, β_q) − log B(αₚ, βₚ) + (αₚ − α_q)ψ(αₚ) + (βₚ − β_q)ψ(βₚ) + (α_q − αₚ + β_q − βₚ)ψ(αₚ + βₚ).
    /// </summary>
    private static Tensor BetaBeta(Beta p, Beta q)
    {
        var pTotal = p.Concentration1 + p.Concentration0;
        var qTotal = q.Concentration1 + q.Concentration0;
        return q.LogBeta() - p.LogBeta()
               + (p.Concentration1 - q.Concentration1) * p.Concentration1.Digamma()
               + (p.Concentration0 - q.Concentration0) * p.Concentration0.Digamma()
               + (qTotal - pTotal) * pTotal.Digamma();
    }

    /// <summary>log Γ(α₀ₚ) − log Γ(α₀_q) − Σ(log Γ(αₚ) − log Γ(α_q)) + Σ(αₚ − α_q)(ψ(αₚ) − ψ(α₀ₚ)).</summary>
    private static Tensor DirichletDirichlet(Dirichlet p, Dirichlet q)
    {
        var pTotal = p.Concentration.Sum(-1);
        var qTotal = q.Concentration.Sum(-1);
        var lgammaTerms = (p.Concentration.Lgamma() - q.Concentration.Lgamma()).Sum(-1);
        var digammaTerms = ((p.Concentration - q.Concentration) * (p.Concentration.Digamma() - pTotal.Digamma().Unsqueeze(-1))).Sum(-1);
        return pTotal.Lgamma() - qTotal.Lgamma() - lgammaTerms + digammaTerms;
    }

    /// <summary>
    /// ½ (tr(Σ_q⁻¹Σₚ) + (μ_q − μₚ)ᵀΣ_q⁻¹(μ_q − μₚ) − n + log(det Σ_q / det Σₚ)), with the trace as ‖L_q⁻¹Lₚ‖²_F
    /// and the quadratic form as ‖L_q⁻¹(μ_q − μₚ)‖², so only triangular solves with L_q are needed.
    /// </summary>
    private static Tensor MultivariateNormalMultivariateNormal(MultivariateNormal p, MultivariateNormal q)
    {
        int n = p.EventShape[0];
        if (q.EventShape[0] != n)
            throw new ArgumentException(
                $"KL.Divergence: MultivariateNormals of different dimensions ({n} and {q.EventShape[0]}) have no KL divergence.");
        var trace = Linalg.SolveTriangular(q.ScaleTril, p.ScaleTril, upper: false).Square().Sum([-2, -1], keepdim: false);
        var quadratic = MultivariateNormal.Mahalanobis(q.ScaleTril, q.Loc - p.Loc);
        var logDetRatio = MultivariateNormal.HalfLogDet(q.ScaleTril) - MultivariateNormal.HalfLogDet(p.ScaleTril);
        return logDetRatio + 0.5 * (trace + quadratic - n);
    }
}
