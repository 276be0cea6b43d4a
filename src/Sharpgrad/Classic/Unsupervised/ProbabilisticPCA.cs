namespace Sharpgrad.Classic;

/// <summary>
/// Probabilistic PCA (GBC §13.1; Tipping &amp; Bishop 1999): the linear factor model with isotropic noise σ²I. Its
/// maximum-likelihood W spans the top-l principal subspace and σ² is the mean of the discarded covariance
/// eigenvalues; as σ → 0 it becomes ordinary PCA. Fitted by EM (see <see cref="LinearFactorModel"/>), which needs no
/// eigendecomposition and extends to missing data.
/// </summary>
public sealed class ProbabilisticPCA(int nComponents, int maxIter = 1000, double tol = 1e-8, int seed = 0)
    : LinearFactorModel(nComponents, maxIter, tol, seed)
{
    protected override string Name => "ProbabilisticPCA";

    /// <summary>The shared noise variance σ².</summary>
    public double Sigma2 => NoiseVariance[0].Item();

    /// <summary>σ² is the mean residual variance over the features (Tipping &amp; Bishop eq. 30).</summary>
    protected override Tensor UpdateNoise(Tensor residualVariances) =>
        residualVariances.Mean(0, keepdim: true).Expand(residualVariances.Shape).Contiguous();
}
