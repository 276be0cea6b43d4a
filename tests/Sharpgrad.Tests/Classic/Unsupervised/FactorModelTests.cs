using Sharpgrad.Classic;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>Probabilistic PCA and factor analysis (GBC §13.1) on data with a planted low-rank structure.</summary>
public class FactorModelTests
{
    private static readonly Tensor Loadings = Tensor.From(new double[,]
    {
        { 2, 1, 0, -1, 1, 0.5 },
        { 0, 1, 2, 1, -1, 1 },
    });

    /// <summary>x = hW + noise with h ~ N(0, I₂) and independent noise of standard deviation <paramref name="noiseStd"/> per feature.</summary>
    private static Tensor Planted(int n, double[] noiseStd, int seed)
    {
        var generator = new Generator(seed);
        var h = Tensor.Randn([n, 2], DType.Float64, generator);
        return h.MatMul(Loadings) + Tensor.Randn([n, 6], DType.Float64, generator) * Tensor.From(noiseStd) + 3.0;
    }

    private static void AssertNonDecreasing(IReadOnlyList<double> history)
    {
        Assert.True(history.Count > 5);
        for (int t = 1; t < history.Count; t++)
            Assert.True(history[t] >= history[t - 1] - 1e-10, $"log-likelihood fell at iteration {t}: {history[t - 1]} → {history[t]}");
    }

    /// <summary>The projector onto the row space of a [l, D] matrix.</summary>
    private static Tensor RowSpaceProjector(Tensor rows) => rows.T.MatMul(Linalg.Solve(rows.MatMul(rows.T), rows));

    [Fact]
    public void ProbabilisticPcaMatchesTippingAndBishopsClosedForm()
    {
        var x = Planted(400, [0.3, 0.3, 0.3, 0.3, 0.3, 0.3], seed: 1);
        var ppca = new ProbabilisticPCA(2);
        ppca.Fit(x);
        AssertNonDecreasing(ppca.LogLikelihoodHistory);
        // Tipping & Bishop (1999), eq. 8 and 15: σ²_ML is the mean of the discarded eigenvalues of the sample
        // covariance S (N denominator), and W_ML spans the top-l eigenvectors of S.
        var centered = x - x.Mean(0);
        var (values, vectors) = Linalg.EighDescending(centered.T.MatMul(centered) / 400);
        double sigma2 = values.Narrow(0, 2, 4).Mean().Item();
        Assert.Equal(sigma2, ppca.Sigma2, 4);
        Assert.InRange(ppca.Sigma2, 0.09 * 0.7, 0.09 * 1.3);   // and it is near the planted 0.3²
        var principal = RowSpaceProjector(vectors.Narrow(1, 0, 2).T);
        Assert.True(RowSpaceProjector(ppca.Components).AllClose(principal, 0, 1e-3));
        // The planted loadings span (nearly) the same subspace.
        Assert.True((RowSpaceProjector(Loadings) - principal).Abs().Max().Item() < 0.05);
    }

    [Fact]
    public void FactorAnalysisRecoversPerFeatureNoiseAndTheLoadingsCovariance()
    {
        double[] noiseStd = [0.2, 0.4, 0.6, 0.3, 0.5, 0.8];
        var x = Planted(3000, noiseStd, seed: 2);
        var fa = new FactorAnalysis(2);
        fa.Fit(x);
        AssertNonDecreasing(fa.LogLikelihoodHistory);
        var expectedNoise = Tensor.From(noiseStd).Square();
        Assert.True((fa.NoiseVariance - expectedNoise).Abs().Max().Item() < 0.08, $"noise {fa.NoiseVariance} vs {expectedNoise}");
        // W is identifiable only up to a rotation of the factors; WWᵀ is not.
        var w = fa.Components;
        var planted = Loadings.T.MatMul(Loadings);
        Assert.True((w.T.MatMul(w) - planted).Abs().Max().Item() < 0.4, $"WWᵀ {w.T.MatMul(w)}");
        Assert.True(fa.Mean.AllClose(Tensor.Full([6], 3.0, DType.Float64), 0, 0.15));
        Assert.Equal([3000, 2], fa.Transform(x).Shape);
    }
}
