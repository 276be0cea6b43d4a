using Sharpgrad.Classic;
using Sharpgrad.Probability;

namespace Sharpgrad.Tests.Classic.Unsupervised;

/// <summary>The Gaussian log-density used by the mixture and factor models, against independent computations.</summary>
public class GaussianLogDensityTests
{
    /// <summary>K random SPD covariances AAᵀ/D + I [K, D, D].</summary>
    private static Tensor Covariances(int k, int d, Generator g)
    {
        var a = Tensor.Randn([k, d, d], DType.Float64, g);
        return a.MatMul(a.Transpose(1, 2)) / d + Tensor.Eye(d, dtype: DType.Float64);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2 * RowBlocks.Rows + 45)] // two whole row blocks and a partial one
    public void RowsUnderEveryComponentEqualTheMultivariateNormalsLogProb(int n)
    {
        var g = new Generator(3);
        int d = 4, k = 3;
        var x = Tensor.Randn([n, d], DType.Float64, g);
        var means = Tensor.Randn([k, d], DType.Float64, g);
        var covariances = Covariances(k, d, g);
        var rows = GaussianLogDensity.EvaluateRows(x, means, Linalg.Cholesky(covariances));
        Assert.Equal([n, k], rows.Shape.ToArray());
        for (int c = 0; c < k; c++)
        {
            var expected = new MultivariateNormal(means[c], covarianceMatrix: covariances[c]).LogProb(x);
            Assert.True(rows.Narrow(1, c, 1).Squeeze(1).AllClose(expected, 1e-12, 1e-12), $"component {c}: {rows} vs {expected}");
        }
    }

    [Fact]
    public void OneDimensionalCaseIsTheTextbookFormula()
    {
        // log N(x | μ, σ²) = −½((x−μ)²/σ² + log σ² + log 2π), with σ² = 4, μ = 1, x = 2 and x = −3.
        var rows = GaussianLogDensity.EvaluateRows(Tensor.From(new[,] { { 2.0 }, { -3.0 } }), Tensor.From(new[,] { { 1.0 } }),
            Tensor.From(new[,] { { 2.0 } }).Unsqueeze(0));
        Assert.Equal(-0.5 * (0.25 + Math.Log(4) + Math.Log(2 * Math.PI)), rows[0, 0].Item(), 14);
        Assert.Equal(-0.5 * (4.0 + Math.Log(4) + Math.Log(2 * Math.PI)), rows[1, 0].Item(), 14);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(2 * RowBlocks.Rows + 45)] // the M-step's sums run over two whole row blocks and a partial one
    public void OneComponentMixtureIsTheSampleMeanAndBiasedCovariance(int n)
    {
        // With K = 1 every responsibility is 1, so EM's first M-step gives the maximum-likelihood Gaussian: the sample
        // mean and the covariance with divisor N, plus regCovar on the diagonal. Data far from the origin check that the
        // shifted second-moment formula does not cancel.
        var g = new Generator(5);
        var x = 1000 + Tensor.Randn([n, 3], DType.Float64, g) * Tensor.From(new[] { 1.0, 0.1, 2.0 });
        var gmm = new GaussianMixture(1, maxIter: 1, regCovar: 1e-6).Fit(x);
        var mean = x.Mean(0);
        var centered = x - mean;
        var covariance = centered.T.MatMul(centered) / n + 1e-6 * Tensor.Eye(3, dtype: DType.Float64);
        Assert.True(gmm.Means[0].AllClose(mean, 1e-12, 1e-9));
        Assert.True(gmm.Covariances[0].AllClose(covariance, 1e-9, 1e-10), $"{gmm.Covariances[0]} vs {covariance}");
    }

    [Fact]
    public void ATightClusterFarFromTheOthersKeepsItsTinyCovariance()
    {
        // 20 points within ±1e-4 of (1e5, 0) and 200 spread around the origin: the tight component's covariance is
        // ~3e-9 per axis, below regCovar = 1e-6, so it must come out as about 1e-6·I. A raw-moment formula
        // (E[xxᵀ] − μμᵀ) would lose ‖μ‖²·2⁻⁵² ≈ 2e-6 to rounding and could make it indefinite.
        var g = new Generator(11);
        var tight = Tensor.From(new[] { 1e5, 0.0 }) + 1e-4 * (2 * Tensor.Rand([20, 2], DType.Float64, g) - 1);
        var spread = Tensor.Randn([200, 2], DType.Float64, g);
        var x = Tensor.Cat([tight, spread], 0);
        var gmm = new GaussianMixture(2, maxIter: 5, regCovar: 1e-6).Fit(x);
        int far = gmm.Means[0, 0].Item() > 1e4 ? 0 : 1;
        var deviations = tight - tight.Mean(0);
        var expected = deviations.T.MatMul(deviations) / 20 + 1e-6 * Tensor.Eye(2, dtype: DType.Float64);
        Assert.True(gmm.Covariances[far].AllClose(expected, 1e-6, 1e-12), $"{gmm.Covariances[far]} vs {expected}");
        Assert.True(gmm.Weights[far].Item() > 20.0 / 220 - 1e-9 && gmm.Weights[far].Item() < 20.0 / 220 + 1e-9);
    }
}
