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
    [InlineData(0, 7)]
    [InlineData(2, 45)] // two whole row blocks and a partial one
    public void RowsUnderEveryComponentEqualTheMultivariateNormalsLogProb(int wholeBlocks, int extraRows)
    {
        var g = new Generator(3);
        int d = 4, k = 3, n = wholeBlocks * RowBlocks.RowsFor(k * d) + extraRows;
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
    [InlineData(0, 50)]
    [InlineData(2, 45)] // the M-step's sums run over two whole row blocks and a partial one
    public void OneComponentMixtureIsTheSampleMeanAndBiasedCovariance(int wholeBlocks, int extraRows)
    {
        int n = wholeBlocks * RowBlocks.RowsFor(1 * 3) + extraRows;
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

    [Fact]
    public void TwoComponentMStepOverSeveralBlocksIsTheResponsibilityWeightedMoments()
    {
        // Soft, known responsibilities r₁ = 0.1 + 0.8·(1 + sin i)/2 and r₂ = 1 − r₁ on 2·block + 45 rows, so every
        // block's slice of them differs: a block paired with the wrong rows of r would move μₖ and Σₖ. The expected values
        // are the M-step's definitions (GBC §19.2) summed row by row here: Nₖ = Σᵢ rᵢₖ, μₖ = Σᵢ rᵢₖxᵢ/Nₖ,
        // Σₖ = Σᵢ rᵢₖ(xᵢ−μₖ)(xᵢ−μₖ)ᵀ/Nₖ (regCovar = 0).
        const int k = 2, d = 3;
        int n = 2 * RowBlocks.RowsFor(k * d) + 45;
        var g = new Generator(17);
        var x = 50 + Tensor.Randn([n, d], DType.Float64, g) * Tensor.From(new[] { 1.0, 3.0, 0.5 });
        var r = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            r[i, 0] = 0.1 + 0.8 * (1 + Math.Sin(i)) / 2;
            r[i, 1] = 1 - r[i, 0];
        }
        var gmm = new GaussianMixture(k, regCovar: 0);
        gmm.MaximizationStep(x, Tensor.From(r));

        var rows = x.ToArray<double>();
        for (int c = 0; c < k; c++)
        {
            double count = 0;
            var mean = new double[d];
            for (int i = 0; i < n; i++)
            {
                count += r[i, c];
                for (int a = 0; a < d; a++) mean[a] += r[i, c] * rows[i * d + a];
            }
            for (int a = 0; a < d; a++) mean[a] /= count;
            var covariance = new double[d, d];
            for (int i = 0; i < n; i++)
                for (int a = 0; a < d; a++)
                    for (int b = 0; b < d; b++)
                        covariance[a, b] += r[i, c] * (rows[i * d + a] - mean[a]) * (rows[i * d + b] - mean[b]) / count;
            Assert.True(gmm.Means[c].AllClose(Tensor.From(mean), 1e-12, 1e-9), $"μ{c}: {gmm.Means[c]} vs [{string.Join(", ", mean)}]");
            Assert.True(gmm.Covariances[c].AllClose(Tensor.From(covariance), 1e-9, 1e-9), $"Σ{c}: {gmm.Covariances[c]}");
        }
    }

    [Theory]
    [InlineData(500, 131)]      // the digits mixture (K·D = 500): 512 KiB / (8 B · 500) = 131.07 rows
    [InlineData(12, 5461)]      // a narrow problem gets long blocks: 524288 / 96 = 5461.3
    [InlineData(100_000, 16)]   // a very wide one keeps the 16-row floor
    public void BlocksAreSizedFromTheWidthAndCoverEveryRowOnce(int width, int expectedRows)
    {
        Assert.Equal(expectedRows, RowBlocks.RowsFor(width));
        int n = 3 * expectedRows + 5, next = 0;
        foreach (var (start, length) in RowBlocks.Of(n, width))
        {
            Assert.Equal(next, start);
            Assert.InRange(length, 1, expectedRows);
            next = start + length;
        }
        Assert.Equal(n, next);
    }
}
