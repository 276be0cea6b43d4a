namespace Sharpgrad.Classic;

/// <summary>
/// Factor analysis (GBC §13.1): the linear factor model with an independent noise variance ψᵢ per feature, so the
/// latent factors explain the correlations between features while each feature keeps its own unexplained variance.
/// Fitted by EM (see <see cref="LinearFactorModel"/>).
/// </summary>
public sealed class FactorAnalysis(int nComponents, int maxIter = 1000, double tol = 1e-8, int seed = 0)
    : LinearFactorModel(nComponents, maxIter, tol, seed)
{
    protected override string Name => "FactorAnalysis";

    /// <summary>ψᵢ is feature i's residual variance.</summary>
    protected override Tensor UpdateNoise(Tensor residualVariances) => residualVariances;
}
