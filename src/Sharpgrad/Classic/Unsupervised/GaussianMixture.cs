namespace Sharpgrad.Classic;

/// <summary>
/// A mixture of K Gaussians with full covariances, fitted by expectation–maximisation (GBC §3.9.6, §19.2):
/// the E-step computes each component's responsibility for each example, the M-step re-estimates weights, means and
/// covariances from those responsibilities in closed form. Each EM iteration cannot lower the log-likelihood, and
/// <see cref="LogLikelihoodHistory"/> records it so that this can be checked. Densities are evaluated through a
/// Cholesky factor and normalised with log-sum-exp, so nothing underflows. Initialised from a seeded
/// <see cref="KMeans"/> partition, as scikit-learn does by default.
/// </summary>
public sealed class GaussianMixture
{
    private const string Op = "GaussianMixture";
    private readonly int nComponents, maxIter, seed;
    private readonly double tol, regCovar;
    private Tensor? weights, means, covariances;

    /// <param name="nComponents">K, the number of Gaussians.</param>
    /// <param name="maxIter">EM iterations at most.</param>
    /// <param name="tol">Stop when the mean log-likelihood per example improves by less than this.</param>
    /// <param name="regCovar">Added to every covariance diagonal so a component that collapses onto few points stays invertible.</param>
    /// <param name="seed">Seed of the k-means initialisation.</param>
    public GaussianMixture(int nComponents, int maxIter = 100, double tol = 1e-3, double regCovar = 1e-6, int seed = 0)
    {
        FittedState.RequirePositive(nComponents, nameof(nComponents), Op);
        FittedState.RequirePositive(maxIter, nameof(maxIter), Op);
        if (regCovar < 0) throw new ArgumentOutOfRangeException(nameof(regCovar), regCovar, $"{Op}: regCovar must be non-negative.");
        (this.nComponents, this.maxIter, this.tol, this.regCovar, this.seed) = (nComponents, maxIter, tol, regCovar, seed);
    }

    /// <summary>Mixing weights π [K], summing to 1.</summary>
    public Tensor Weights => FittedState.Require(weights, $"{Op}.Weights");

    /// <summary>Component means [K, D].</summary>
    public Tensor Means => FittedState.Require(means, $"{Op}.Means");

    /// <summary>Component covariances [K, D, D].</summary>
    public Tensor Covariances => FittedState.Require(covariances, $"{Op}.Covariances");

    /// <summary>The mean log-likelihood per example before each M-step: entry t is that of the parameters after t M-steps.</summary>
    public IReadOnlyList<double> LogLikelihoodHistory { get; private set; } = [];

    /// <summary>Whether the last fit stopped on <c>tol</c> rather than on <c>maxIter</c>.</summary>
    public bool Converged { get; private set; }

    public GaussianMixture Fit(Tensor x)
    {
        var data = EstimatorInput.Features(x, Op);
        FittedState.RequireAtMost(nComponents, data.Size(0), "the number of samples", x, Op);
        using var _ = Autograd.NoGrad();
        var start = new KMeans(nComponents, nInit: 1, seed: seed).FitClusters(data).Labels;
        MaximizationStep(data, Tensor.OneHot(start, nComponents, DType.Float64));
        var history = new List<double>();
        Converged = false;
        for (int iteration = 0; iteration < maxIter; iteration++)
        {
            var (logLikelihood, responsibilities) = ExpectationStep(data);
            history.Add(logLikelihood);
            if (history.Count > 1 && Math.Abs(history[^1] - history[^2]) < tol) { Converged = true; break; }
            MaximizationStep(data, responsibilities);
        }
        LogLikelihoodHistory = history;
        return this;
    }

    /// <summary>The responsibilities p(component | x) [N, K].</summary>
    public Tensor PredictProba(Tensor x)
    {
        using var _ = Autograd.NoGrad();
        return WeightedLogDensities(Checked(x, "PredictProba")).Softmax(1);
    }

    /// <summary>The most responsible component of each row, int64 [N].</summary>
    public Tensor Predict(Tensor x)
    {
        using var _ = Autograd.NoGrad();
        return WeightedLogDensities(Checked(x, "Predict")).ArgMax(1);
    }

    /// <summary>log p(x) of each row under the mixture, [N].</summary>
    public Tensor ScoreSamples(Tensor x)
    {
        using var _ = Autograd.NoGrad();
        return WeightedLogDensities(Checked(x, "ScoreSamples")).LogSumExp(1);
    }

    /// <summary>The mean log-likelihood per example.</summary>
    public double Score(Tensor x) => ScoreSamples(x).Mean().Item();

    private Tensor Checked(Tensor x, string method) => EstimatorInput.Features(x, $"{Op}.{method}", Means.Size(1));

    /// <summary>log πₖ + log N(xᵢ | μₖ, Σₖ), [N, K].</summary>
    private Tensor WeightedLogDensities(Tensor x)
        => GaussianLogDensity.EvaluateRows(x, Means, Linalg.Cholesky(Covariances)) + Weights.Log().Unsqueeze(0);

    /// <summary>E-step: the responsibilities rᵢₖ = πₖN(xᵢ|k) / Σⱼ πⱼN(xᵢ|j), and the mean log-likelihood they normalise away.</summary>
    private (double LogLikelihood, Tensor Responsibilities) ExpectationStep(Tensor x)
    {
        var joint = WeightedLogDensities(x);
        var logNormalizer = joint.LogSumExp(1, keepdim: true);
        return (logNormalizer.Mean().Item(), (joint - logNormalizer).Exp());
    }

    /// <summary>
    /// M-step: Nₖ = Σᵢ rᵢₖ, πₖ = Nₖ/N, μₖ = Σᵢ rᵢₖxᵢ/Nₖ, Σₖ = Σᵢ rᵢₖ(xᵢ−μₖ)(xᵢ−μₖ)ᵀ/Nₖ + reg·I. All K scatter matrices are
    /// one GEMM per block of rows, [r₁(x−μ₁) … r_K(x−μ_K)]ᵀx, instead of K products of two centred copies: since Σᵢ rᵢₖ(xᵢ − μₖ) = 0, the
    /// right factor need not be centred (the rounding residual of that sum is subtracted explicitly). The left one must
    /// be, so that no μₖμₖᵀ is subtracted afterwards: that "raw moment" form cancels catastrophically for a tight
    /// cluster far from the origin or from the other clusters.
    /// The data are first shifted by their overall mean, which keeps the uncentred right factor small. The result is
    /// symmetrised, because the GEMM's rounding of entry (a, b) and entry (b, a) may differ.
    /// </summary>
    internal void MaximizationStep(Tensor x, Tensor responsibilities) // internal: tests feed it known responsibilities
    {
        int n = x.Size(0), d = x.Size(1), k = responsibilities.Size(1);
        // A component with no responsibility at all would divide by zero; 10 machine epsilons keep it finite (as scikit-learn does).
        var counts = responsibilities.Sum(0) + 10 * (Math.BitIncrement(1.0) - 1.0);
        weights = counts / counts.Sum();
        var offset = x.Mean(0);
        var shifted = x - offset;
        var shiftedMeans = responsibilities.T.MatMul(shifted) / counts.Unsqueeze(1);                        // μₖ − x̄ [K, D]
        means = shiftedMeans + offset;
        // Σᵢ rᵢₖ(xᵢ − μₖ) is zero only up to the rounding of μₖ, and that residual times a far-off uncentred x would be
        // of the order of u·‖x‖²; subtracting residual·μₖᵀ leaves Σᵢ rᵢₖ(xᵢ−μₖ)(xᵢ−μₖ)ᵀ up to the GEMM's own rounding.
        // Both sums run over row blocks, so each block's [block, K, D] weighted deviations are formed, summed and fed to
        // their GEMM while they are in cache (RowBlocks).
        var residual = Tensor.Zeros([k * d], DType.Float64);
        var uncentredScatter = Tensor.Zeros([k * d, d], DType.Float64);
        foreach (var (start, length) in RowBlocks.Of(n, k * d))
        {
            var rows = shifted.Narrow(0, start, length);
            var weightedDeviations = rows.Unsqueeze(1) - shiftedMeans;                                  // [block, K, D]
            weightedDeviations.MulInPlace(responsibilities.Narrow(0, start, length).Unsqueeze(2));
            var flat = weightedDeviations.View(length, k * d);
            residual.AddInPlace(flat.Sum(0));
            uncentredScatter.AddInPlace(flat.T.MatMul(rows));
        }
        var scatter = (uncentredScatter.View(k, d, d) - residual.View(k, d).Unsqueeze(2) * shiftedMeans.Unsqueeze(1))
                      / counts.Unsqueeze(1).Unsqueeze(2);
        covariances = 0.5 * (scatter + scatter.Transpose(1, 2)) + regCovar * Tensor.Eye(d, dtype: DType.Float64);
    }
}
