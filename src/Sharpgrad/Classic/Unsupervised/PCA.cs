namespace Sharpgrad.Classic;

/// <summary>How <see cref="PCA"/> finds the principal directions; both give the same subspace (GBC §2.12).</summary>
public enum PcaSolver
{
    /// <summary>The SVD of the centred data X = UΣVᵀ: the rows of Vᵀ are the directions, σ²/(N−1) the variances.</summary>
    Svd,

    /// <summary>The eigendecomposition of the covariance XᵀX/(N−1): its top eigenvectors and eigenvalues.</summary>
    Eigh,

    /// <summary>
    /// Halko et al.'s randomised SVD of the centred data (<see cref="RandomizedSvd"/>), as scikit-learn's
    /// <c>svd_solver='randomized'</c> (what its 'auto' picks when max(N, D) &gt; 500 and l &lt; 0.8·min(N, D)): 10
    /// oversamples and 7 power iterations when l &lt; 0.1·min(N, D), else 4. Exact up to rounding when the spectrum
    /// decays, approximate otherwise; seeded, so a fit is reproducible.
    /// </summary>
    Randomized,
}

/// <summary>
/// Principal component analysis (GBC §2.12, §5.8.1): the linear code c = Dᵀ(x − μ) with orthonormal D that loses the
/// least squared reconstruction error keeps the top-l eigenvectors of the covariance, and the codes are then
/// uncorrelated (their covariance is diagonal). Follows scikit-learn's PCA: variances use N − 1, each component's sign
/// is fixed so that its largest-magnitude entry is positive (so the SVD and eigen paths return the same vectors),
/// and <c>whiten</c> scales each code to unit variance.
/// </summary>
public sealed class PCA : ITransformer
{
    private const string Op = "PCA";
    private readonly int? nComponents;
    private readonly bool whiten;
    private readonly PcaSolver solver;
    private readonly int seed;
    private Tensor? mean, components, explainedVariance, explainedVarianceRatio, singularValues;

    /// <param name="nComponents">Components kept; null keeps min(N, D).</param>
    /// <param name="whiten">Divide each code by its standard deviation, so the codes have identity covariance.</param>
    /// <param name="solver">SVD of the data (the default, more accurate), eigendecomposition of the covariance, or the
    /// randomised SVD (fastest for a few components of a large matrix).</param>
    /// <param name="seed">Seed of the randomised solver's Gaussian test matrix (the other solvers draw nothing).</param>
    public PCA(int? nComponents = null, bool whiten = false, PcaSolver solver = PcaSolver.Svd, int seed = 0)
    {
        if (nComponents is { } l) FittedState.RequirePositive(l, nameof(nComponents), Op);
        (this.nComponents, this.whiten, this.solver, this.seed) = (nComponents, whiten, solver, seed);
    }

    /// <summary>The per-feature mean μ [D] subtracted before projecting.</summary>
    public Tensor Mean => FittedState.Require(mean, $"{Op}.Mean");

    /// <summary>The principal directions, one per row [l, D], orthonormal, by decreasing variance.</summary>
    public Tensor Components => FittedState.Require(components, $"{Op}.Components");

    /// <summary>The variance of the data along each component [l] (eigenvalues of the covariance, N − 1 denominator).</summary>
    public Tensor ExplainedVariance => FittedState.Require(explainedVariance, $"{Op}.ExplainedVariance");

    /// <summary>Each component's share of the total variance [l].</summary>
    public Tensor ExplainedVarianceRatio => FittedState.Require(explainedVarianceRatio, $"{Op}.ExplainedVarianceRatio");

    /// <summary>The singular values of the centred data for the kept components [l] (√((N−1)·variance) on the eigen path).</summary>
    public Tensor SingularValues => FittedState.Require(singularValues, $"{Op}.SingularValues");

    public ITransformer Fit(Tensor x)
    {
        var data = EstimatorInput.Features(x, Op);
        int n = data.Size(0), d = data.Size(1), keep = nComponents ?? Math.Min(n, d);
        FittedState.RequireAtMost(keep, Math.Min(n, d), "the shape", x, Op);
        if (n < 2) throw new ArgumentException($"{Op}: at least 2 samples are needed to estimate a variance, got shape {ShapeUtil.Format(x.Shape)}.");
        using var _ = Autograd.NoGrad();
        mean = data.Mean(0);
        var centered = data - mean;
        var (directions, variances) = solver switch
        {
            PcaSolver.Svd => BySvd(centered),
            PcaSolver.Eigh => ByEigh(centered),
            _ => ByRandomizedSvd(centered, keep),
        };
        components = WithDeterministicSigns(directions.Narrow(0, 0, keep));
        explainedVariance = variances.Narrow(0, 0, keep).Clamp(0, null);
        var totalVariance = (centered * centered).Sum() / (n - 1);
        explainedVarianceRatio = explainedVariance / totalVariance;
        singularValues = (explainedVariance * (n - 1)).Sqrt();
        return this;
    }

    /// <summary>The codes (x − μ)Dᵀ [N, l], divided by √variance when whitening.</summary>
    public Tensor Transform(Tensor x)
    {
        var data = EstimatorInput.Features(x, $"{Op}.Transform", Components.Size(1));
        using var _ = Autograd.NoGrad();
        var codes = (data - Mean).MatMul(Components.T);
        return whiten ? codes / ExplainedVariance.Sqrt() : codes;
    }

    /// <summary>The reconstruction μ + cD from codes c [N, l] (GBC §2.12's decoder g(c) = Dc).</summary>
    public Tensor InverseTransform(Tensor codes)
    {
        var c = EstimatorInput.Features(codes, $"{Op}.InverseTransform", Components.Size(0));
        using var _ = Autograd.NoGrad();
        return (whiten ? c * ExplainedVariance.Sqrt() : c).MatMul(Components) + Mean;
    }

    public Tensor FitTransform(Tensor x) => Fit(x).Transform(x);

    private static (Tensor Directions, Tensor Variances) BySvd(Tensor centered)
    {
        var (_, s, vh) = Linalg.Svd(centered, fullMatrices: false);
        return (vh, s.Square() / (centered.Size(0) - 1));
    }

    private (Tensor Directions, Tensor Variances) ByRandomizedSvd(Tensor centered, int keep)
    {
        int powerIterations = keep < 0.1 * Math.Min(centered.Size(0), centered.Size(1)) ? 7 : 4;  // scikit-learn's 'auto'
        var (s, vh) = RandomizedSvd.Top(centered, keep, oversamples: 10, powerIterations, new Generator(seed));
        return (vh, s.Square() / (centered.Size(0) - 1));
    }

    private static (Tensor Directions, Tensor Variances) ByEigh(Tensor centered)
    {
        var covariance = centered.T.MatMul(centered) / (centered.Size(0) - 1);
        var (values, vectors) = Linalg.EighDescending(covariance);
        return (vectors.T, values);
    }

    /// <summary>
    /// Eigenvectors are defined only up to sign; flipping each so its largest-|·| entry is positive (scikit-learn's
    /// svd_flip on Vᵀ) makes the result independent of the solver and reproducible.
    /// </summary>
    internal static Tensor WithDeterministicSigns(Tensor rows)
    {
        var largest = rows.Abs().ArgMax(1, keepdim: true);
        var signs = rows.Gather(1, largest).Sign();
        return rows * Tensor.Where(signs.Eq(0), 1.0, signs);
    }
}
