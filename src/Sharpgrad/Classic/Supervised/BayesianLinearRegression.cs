namespace Sharpgrad.Classic;

/// <summary>
/// Bayesian linear regression with a Gaussian prior w ~ N(0, τ²I) and Gaussian noise y | x, w ~ N(xᵀw + b, σ²),
/// both variances known (GBC §5.6, eqs. 5.74–5.80). The posterior over w is Gaussian, in closed form:
/// <code>
/// Σ = (XᵀX/σ² + I/τ²)⁻¹ = σ²(XᵀX + (σ²/τ²)I)⁻¹,   μ = Σ Xᵀy / σ² = (XᵀX + (σ²/τ²)I)⁻¹Xᵀy
/// </code>
/// so the posterior mean (used by Predict) is exactly ridge regression with α = σ²/τ²: MAP with a Gaussian prior
/// is weight decay (GBC §5.6.1). The intercept has a flat prior; with centred features its posterior is
/// independent of w, with variance σ²/N. The predictive variance of a new x is
/// σ² + σ²/N + (x − x̄)ᵀΣ(x − x̄): the noise plus the uncertainty of the fit, which grows away from the data.
/// </summary>
public sealed class BayesianLinearRegression : LinearModel
{
    private Tensor? covariance;
    private int samples;

    /// <param name="noiseVariance">σ², the variance of y around the regression line.</param>
    /// <param name="priorVariance">τ², the prior variance of each weight.</param>
    /// <param name="fitIntercept">Whether to learn b (with a flat prior).</param>
    public BayesianLinearRegression(double noiseVariance = 1.0, double priorVariance = 1.0, bool fitIntercept = true) : base(fitIntercept)
    {
        if (!(noiseVariance > 0)) throw new ArgumentOutOfRangeException(nameof(noiseVariance), noiseVariance, "BayesianLinearRegression: noiseVariance must be positive.");
        if (!(priorVariance > 0)) throw new ArgumentOutOfRangeException(nameof(priorVariance), priorVariance, "BayesianLinearRegression: priorVariance must be positive.");
        NoiseVariance = noiseVariance;
        PriorVariance = priorVariance;
    }

    public double NoiseVariance { get; }
    public double PriorVariance { get; }

    /// <summary>The posterior mean of the weights, [features, targets] (the same as <see cref="LinearModel.Weights"/>).</summary>
    public Tensor PosteriorMean => Weights;

    /// <summary>The posterior covariance Σ of the weights, [features, features] (shared by every target column).</summary>
    public Tensor PosteriorCovariance => FittedState.Require(covariance, $"{Name}.PosteriorCovariance");

    protected override Tensor SolveCentered(Tensor x, Tensor y)
    {
        var factor = Ridge.PenalisedGramFactor(x, NoiseVariance / PriorVariance);
        covariance = NoiseVariance * Linalg.CholeskySolve(Tensor.Eye(x.Size(1), dtype: DType.Float64), factor);
        samples = x.Size(0);
        return Linalg.CholeskySolve(x.T.MatMul(y), factor);
    }

    /// <summary>The variance of the predictive distribution p(y | x, data) for each row of <paramref name="x"/>, float64 [N].</summary>
    public Tensor PredictiveVariance(Tensor x)
    {
        var centred = CheckedFeatures(x, "PredictiveVariance") - FeatureMean;
        var fitUncertainty = (centred.MatMul(PosteriorCovariance) * centred).Sum(1);
        double interceptVariance = FitIntercept ? NoiseVariance / samples : 0;
        return fitUncertainty + (NoiseVariance + interceptVariance);
    }
}
