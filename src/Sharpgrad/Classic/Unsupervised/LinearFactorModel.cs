namespace Sharpgrad.Classic;

/// <summary>
/// The linear factor model of GBC §13.1, x = Wh + μ + noise with latent h ~ N(0, I) and Gaussian noise of diagonal
/// covariance Ψ, so that x ~ N(μ, WWᵀ + Ψ). Fitted by EM (Ghahramani &amp; Hinton 1996; Tipping &amp; Bishop 1999):
/// <list type="bullet">
/// <item>E-step: G = (I + WᵀΨ⁻¹W)⁻¹, E[h|x] = GWᵀΨ⁻¹(x − μ), and Σₙ E[hhᵀ] = N·G + Σₙ E[h]E[h]ᵀ.</item>
/// <item>M-step: W ← (Σₙ (x−μ)E[h]ᵀ)(Σₙ E[hhᵀ])⁻¹, and the noise from the per-feature residual variances
/// diag(S − W·Σₙ E[h](x−μ)ᵀ/N), which <see cref="UpdateNoise"/> turns into Ψ.</item>
/// </list>
/// The two models differ only in that last step: factor analysis keeps one variance per feature, probabilistic PCA
/// one shared σ² (their mean). Each EM iteration cannot lower the log-likelihood, recorded in
/// <see cref="LogLikelihoodHistory"/>.
/// </summary>
public abstract class LinearFactorModel : ITransformer
{
    private readonly int nComponents, maxIter, seed;
    private readonly double tol;
    private Tensor? mean, loadings, noise;

    protected LinearFactorModel(int nComponents, int maxIter, double tol, int seed)
    {
        FittedState.RequirePositive(nComponents, nameof(nComponents), Name);
        FittedState.RequirePositive(maxIter, nameof(maxIter), Name);
        (this.nComponents, this.maxIter, this.tol, this.seed) = (nComponents, maxIter, tol, seed);
    }

    /// <summary>The model's name for messages.</summary>
    protected abstract string Name { get; }

    /// <summary>The noise variances Ψ [D] given the residual variance of each feature after the M-step's W.</summary>
    protected abstract Tensor UpdateNoise(Tensor residualVariances);

    /// <summary>μ [D].</summary>
    public Tensor Mean => FittedState.Require(mean, $"{Name}.Mean");

    /// <summary>The factor loadings Wᵀ, one latent factor per row [l, D] (scikit-learn's components_).</summary>
    public Tensor Components => FittedState.Require(loadings, $"{Name}.Components").T;

    /// <summary>The noise variances Ψ, one per feature [D] (all equal for probabilistic PCA).</summary>
    public Tensor NoiseVariance => FittedState.Require(noise, $"{Name}.NoiseVariance");

    /// <summary>The mean log-likelihood per example of the parameters at the start of each EM iteration.</summary>
    public IReadOnlyList<double> LogLikelihoodHistory { get; private set; } = [];

    /// <summary>The model covariance WWᵀ + Ψ [D, D].</summary>
    public Tensor Covariance()
    {
        var w = FittedState.Require(loadings, $"{Name}.Covariance");
        return w.MatMul(w.T) + Linalg.DiagEmbed(NoiseVariance);
    }

    public ITransformer Fit(Tensor x)
    {
        var data = EstimatorInput.Features(x, Name);
        int n = data.Size(0), d = data.Size(1);
        FittedState.RequireAtMost(nComponents, d, "the number of features", x, Name);
        using var _ = Autograd.NoGrad();
        mean = data.Mean(0);
        var centered = data - mean;
        var featureVariance = centered.Square().Mean(0);
        // A random start breaks the symmetry between the factors; scaled so WWᵀ is of the data's size.
        var scale = Math.Sqrt(featureVariance.Mean().Item() / nComponents);
        var w = Tensor.Randn([d, nComponents], DType.Float64, new Generator(seed)) * scale;
        var psi = featureVariance.Clamp(MinNoise, null);
        var history = new List<double>();
        for (int iteration = 0; iteration < maxIter; iteration++)
        {
            history.Add(LogLikelihood(centered, w, psi));
            if (history.Count > 1 && Math.Abs(history[^1] - history[^2]) < tol) break;
            var (codes, posterior) = Posterior(centered, w, psi);
            var secondMoment = n * posterior + codes.T.MatMul(codes);   // Σₙ E[hhᵀ]
            var crossMoment = centered.T.MatMul(codes);                  // Σₙ (x − μ)E[h]ᵀ, [D, l]
            w = Linalg.Solve(secondMoment, crossMoment.T).T;             // second moment is symmetric
            var residual = (centered.Square().Sum(0) - (w * crossMoment).Sum(1)) / n;
            psi = UpdateNoise(residual.Clamp(MinNoise, null));
        }
        (loadings, noise, LogLikelihoodHistory) = (w, psi, history);
        return this;
    }

    /// <summary>The posterior means E[h | x] [N, l]: the codes of GBC §13.1.</summary>
    public Tensor Transform(Tensor x)
    {
        var w = FittedState.Require(loadings, $"{Name}.Transform");
        var data = EstimatorInput.Features(x, $"{Name}.Transform", w.Size(0));
        using var _ = Autograd.NoGrad();
        return Posterior(data - Mean, w, NoiseVariance).Codes;
    }

    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    /// <summary>The mean log-likelihood per example of <paramref name="x"/> under N(μ, WWᵀ + Ψ).</summary>
    public double Score(Tensor x)
    {
        var w = FittedState.Require(loadings, $"{Name}.Score");
        var data = EstimatorInput.Features(x, $"{Name}.Score", w.Size(0));
        using var _ = Autograd.NoGrad();
        return LogLikelihood(data - Mean, w, NoiseVariance);
    }

    /// <summary>A floor on the noise variances, so a feature the factors explain exactly does not make Ψ singular.</summary>
    private const double MinNoise = 1e-12;

    private static (Tensor Codes, Tensor Covariance) Posterior(Tensor centered, Tensor w, Tensor psi)
    {
        var scaledW = w / psi.Unsqueeze(1);                              // Ψ⁻¹W
        var precision = Tensor.Eye(w.Size(1), dtype: DType.Float64) + w.T.MatMul(scaledW);
        var covariance = Linalg.Inv(precision);                          // G, l×l
        return (centered.MatMul(scaledW).MatMul(covariance), covariance);
    }

    private static double LogLikelihood(Tensor centered, Tensor w, Tensor psi)
    {
        var covariance = w.MatMul(w.T) + Linalg.DiagEmbed(psi);
        var zeroMean = Tensor.Zeros([1, centered.Size(1)], DType.Float64);   // the rows are already centred
        return GaussianLogDensity.EvaluateRows(centered, zeroMean, Linalg.Cholesky(covariance).Unsqueeze(0)).Mean().Item();
    }
}
