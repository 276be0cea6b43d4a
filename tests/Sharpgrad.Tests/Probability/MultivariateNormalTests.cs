using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>
/// The multivariate Gaussian (GBC eq. 3.23). The reference numbers come from a 2-D case worked by hand:
/// Σ = [[2, 0.6], [0.6, 1]] has det Σ = 2 − 0.36 = 1.64, Σ⁻¹ = [[1, −0.6], [−0.6, 2]] / 1.64 and Cholesky factor
/// L = [[√2, 0], [0.6/√2, √(1 − 0.18)]].
/// </summary>
public class MultivariateNormalTests
{
    private static readonly Tensor Mu = F64(1, -1);
    private static readonly Tensor Sigma = Tensor.From(new[,] { { 2.0, 0.6 }, { 0.6, 1.0 } });
    private const double DetSigma = 1.64;
    private static readonly Tensor Precision = Tensor.From(new[,] { { 1.0, -0.6 }, { -0.6, 2.0 } }) / DetSigma;
    private static readonly Tensor L = Tensor.From(new[,] { { Math.Sqrt(2), 0 }, { 0.6 / Math.Sqrt(2), Math.Sqrt(0.82) } });

    /// <summary>log N(x; μ, Σ) for the 2-D case above: −½ dᵀΣ⁻¹d − ½ log det Σ − log 2π, d = x − μ.</summary>
    private static double HandLogProb(double x0, double x1)
    {
        double d0 = x0 - 1, d1 = x1 + 1;
        double quadratic = (d0 * d0 - 2 * 0.6 * d0 * d1 + 2 * d1 * d1) / DetSigma;
        return -0.5 * quadratic - 0.5 * Math.Log(DetSigma) - Math.Log(2 * Math.PI);
    }

    [Fact]
    public void LogProbMatchesTheClosedFormWorkedByHand()
    {
        var d = new MultivariateNormal(Mu, covarianceMatrix: Sigma);
        Assert.Empty(d.BatchShape);
        Assert.Equal([2], d.EventShape);
        var x = Tensor.From(new[,] { { 0.5, 1.0 }, { 1.0, -1.0 }, { -3.0, 2.5 } });
        AllClose([HandLogProb(0.5, 1), HandLogProb(1, -1), HandLogProb(-3, 2.5)], d.LogProb(x), 1e-12);
        var single = new MultivariateNormal(Mu.Float(), covarianceMatrix: Sigma.Float());
        Assert.Equal(DType.Float32, single.LogProb(x.Float()).DType);
        AllClose([HandLogProb(0.5, 1), HandLogProb(1, -1), HandLogProb(-3, 2.5)], single.LogProb(x.Float()), 1e-5);
        AllClose([HandLogProb(0.5, 1), HandLogProb(1, -1), HandLogProb(-3, 2.5)], single.LogProb(x), 1e-5); // float64 value
        // H = (n/2)(1 + log 2π) + ½ log det Σ.
        AllClose([1 + Math.Log(2 * Math.PI) + 0.5 * Math.Log(DetSigma)], d.Entropy().Reshape(1), 1e-12);
    }

    [Fact]
    public void DiagonalCovarianceGivesTheSumOfIndependentNormalLogProbs()
    {
        var loc = Tensor.From(new[,] { { 0.0, 1.0, -2.0 }, { 0.5, 0.5, 0.5 } });  // batch of 2, n = 3
        var scale = Tensor.From(new[,] { { 1.0, 0.5, 2.0 }, { 3.0, 0.2, 1.0 } });
        var d = new MultivariateNormal(loc, covarianceMatrix: Linalg.DiagEmbed(scale.Square()));
        Assert.Equal([2], d.BatchShape);
        var x = Tensor.Randn([4, 2, 3], DType.Float64, new Generator(5));
        var expected = new Normal(loc, scale).LogProb(x).Sum(-1);
        AllClose(expected.ToDoubleArray(), d.LogProb(x), 1e-12);
        AllClose(new Normal(loc, scale).Entropy().Sum(-1).ToDoubleArray(), d.Entropy(), 1e-12);
        AllClose(scale.Square().ToDoubleArray(), d.Variance, 1e-12);
    }

    [Fact]
    public void TheThreeParameterisationsAgree()
    {
        var byCovariance = new MultivariateNormal(Mu, covarianceMatrix: Sigma);
        var byPrecision = new MultivariateNormal(Mu, precisionMatrix: Precision);
        var byScaleTril = new MultivariateNormal(Mu, scaleTril: L);
        var x = Tensor.From(new[,] { { 0.5, 1.0 }, { 2.0, -0.3 } });
        foreach (var d in new[] { byCovariance, byPrecision, byScaleTril })
        {
            AllClose(L.ToDoubleArray(), d.ScaleTril, 1e-12);
            AllClose(Sigma.ToDoubleArray(), d.CovarianceMatrix, 1e-12);
            AllClose(Precision.ToDoubleArray(), d.PrecisionMatrix, 1e-12);
            AllClose([HandLogProb(0.5, 1), HandLogProb(2, -0.3)], d.LogProb(x), 1e-12);
            AllClose([2.0, 1.0], d.Variance, 1e-12);
        }
    }

    [Fact]
    public void SamplesHaveTheMeanAndCovariance()
    {
        var sigma = Tensor.From(new[,] { { 2.0, 0.6, 0.2 }, { 0.6, 1.0, -0.3 }, { 0.2, -0.3, 0.5 } });
        var mu = F64(1, -2, 0.5);
        var d = new MultivariateNormal(mu, covarianceMatrix: sigma);
        var x = d.Sample([20_000], new Generator(11));
        Assert.Equal([20_000, 3], x.Shape);
        WithinStandardErrors(x, mu, "sample mean");
        var centred = x - mu;
        var products = centred.Unsqueeze(-1) * centred.Unsqueeze(-2); // [N, 3, 3]: E[(x − μ)(x − μ)ᵀ] = Σ
        WithinStandardErrors(products.Reshape(20_000, 9), sigma.Reshape(9), "sample covariance");
        Assert.Equal(x.ToDoubleArray(), d.Sample([20_000], new Generator(11)).ToDoubleArray()); // seeded
    }

    [Fact]
    public void BatchShapesBroadcastBetweenLocAndMatrix()
    {
        var covariances = Tensor.Stack([Sigma, Tensor.Eye(2, dtype: DType.Float64), Sigma * 3]); // [3, 2, 2]
        var d = new MultivariateNormal(Mu, covarianceMatrix: covariances);
        Assert.Equal([3], d.BatchShape);
        Assert.Equal([5, 3, 2], d.Sample([5], new Generator(0)).Shape);
        Assert.Equal([5, 3, 2], d.RSample([5], new Generator(0)).Shape);
        var x = Tensor.Randn([4, 1, 2], DType.Float64, new Generator(1)); // broadcasts against the batch of 3
        var logProb = d.LogProb(x);
        Assert.Equal([4, 3], logProb.Shape);
        for (int k = 0; k < 3; k++)
        {
            var single = new MultivariateNormal(Mu, covarianceMatrix: covariances[k]);
            AllClose(single.LogProb(x.Squeeze(1)).ToDoubleArray(), logProb.Select(1, k), 1e-12);
        }
        var locs = Tensor.From(new[,] { { 0.0, 0 }, { 1, 1 } });
        Assert.Equal([2], new MultivariateNormal(locs, scaleTril: L).BatchShape);
        Assert.Equal([2, 3], new MultivariateNormal(locs.Unsqueeze(1), covarianceMatrix: covariances).BatchShape);
    }

    [Fact]
    public void KLClosedFormMatchesMonteCarlo()
    {
        var p = new MultivariateNormal(Tensor.From(new[,] { { 0.0, 1.0 }, { -1.0, 0.5 } }),
            covarianceMatrix: Tensor.Stack([Sigma, Tensor.From(new[,] { { 0.5, -0.2 }, { -0.2, 0.4 } })]));
        var q = new MultivariateNormal(F64(0.5, 0), scaleTril: Tensor.From(new[,] { { 1.5, 0.0 }, { -0.4, 0.8 } }));
        var kl = KL.Divergence(p, q);
        Assert.Equal([2], kl.Shape);
        var estimate = MonteCarlo.Estimate(x => p.LogProb(x) - q.LogProb(x), p, 20_000, new Generator(3));
        Agrees(estimate, kl, "KL(MultivariateNormal ‖ MultivariateNormal)");
        AllClose([0, 0], KL.Divergence(p, p), 1e-12);
        // With diagonal covariances the KL is the sum of the per-coordinate Normal KLs.
        var scaleP = F64(1, 2, 0.5); var scaleQ = F64(0.7, 1, 3);
        var diagonal = KL.Divergence(new MultivariateNormal(F64(0, 1, 2), covarianceMatrix: Linalg.DiagEmbed(scaleP.Square())),
                                     new MultivariateNormal(F64(1, -1, 0), covarianceMatrix: Linalg.DiagEmbed(scaleQ.Square())));
        var sumOfNormals = KL.Divergence(new Normal(F64(0, 1, 2), scaleP), new Normal(F64(1, -1, 0), scaleQ)).Sum();
        AllClose([sumOfNormals.Item()], diagonal.Reshape(1), 1e-12);
    }

    [Fact]
    public void LogProbGradCheckWithRespectToLocAndScaleTril()
    {
        var x = Tensor.From(new[,] { { 0.5, 1.0, -0.2 }, { 2.0, -0.3, 0.7 } });
        var loc = F64(0.1, -0.4, 0.3).RequireGrad();
        var scale = Tensor.From(new[,] { { 1.3, 0, 0 }, { 0.4, 0.9, 0 }, { -0.2, 0.5, 1.1 } }).RequireGrad();
        // Tril keeps finite-difference probes above the diagonal inside the constraint; only the lower triangle is read.
        GradCheck.Assert(t => new MultivariateNormal(t[0], scaleTril: Linalg.Tril(t[1])).LogProb(x), loc, scale);
        GradCheck.Assert(t => new MultivariateNormal(t[0], scaleTril: Linalg.Tril(t[1])).RSample([2], new Generator(4)), loc, scale);
        GradCheck.Assert(t => new MultivariateNormal(loc.Detach(), scaleTril: Linalg.Tril(t[0])).Entropy(), scale);
        var covariance = Sigma.Clone().RequireGrad();
        GradCheck.Assert(t => new MultivariateNormal(Mu, covarianceMatrix: (t[0] + t[0].T) / 2).LogProb(F64(0.5, 1)), covariance);
    }

    [Fact]
    public void GaussianMixtureOfMultivariateNormals()
    {
        var weights = F64(0.3, 0.7);
        var locs = Tensor.From(new[,] { { -2.0, 0.0 }, { 1.0, 1.0 } });
        var covariances = Tensor.Stack([Sigma, Tensor.From(new[,] { { 0.5, -0.1 }, { -0.1, 0.3 } })]);
        var gmm = new MixtureSameFamily(new Categorical(probs: weights), new MultivariateNormal(locs, covarianceMatrix: covariances));
        Assert.Empty(gmm.BatchShape);
        Assert.Equal([2], gmm.EventShape);
        var x = Tensor.From(new[,] { { 0.0, 0.0 }, { -2.0, 1.0 }, { 1.5, 0.5 } });
        var density = 0.3 * new MultivariateNormal(locs[0], covarianceMatrix: covariances[0]).LogProb(x).Exp()
                      + 0.7 * new MultivariateNormal(locs[1], covarianceMatrix: covariances[1]).LogProb(x).Exp();
        AllClose(density.Log().ToDoubleArray(), gmm.LogProb(x), 1e-12);
        AllClose([0.3 * -2 + 0.7 * 1, 0.7], gmm.Mean, 1e-12);
        var samples = gmm.Sample([20_000], new Generator(8));
        Assert.Equal([20_000, 2], samples.Shape);
        WithinStandardErrors(samples, gmm.Mean, "GMM sample mean");
    }

    [Fact]
    public void BadInputIsReportedClearly()
    {
        var notPositiveDefinite = Tensor.From(new[,] { { 1.0, 2.0 }, { 2.0, 1.0 } }); // eigenvalues 3 and −1
        var e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, covarianceMatrix: notPositiveDefinite));
        Assert.Contains("MultivariateNormal: covarianceMatrix must be positive definite", e.Message);
        Assert.Contains("leading minor of order 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, precisionMatrix: notPositiveDefinite));
        Assert.Contains("precisionMatrix must be positive definite", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, covarianceMatrix: Tensor.From(new[,] { { 2.0, 0.5 }, { 0.0, 1.0 } })));
        Assert.Contains("must be symmetric", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, scaleTril: Tensor.From(new[,] { { 1.0, 0.0 }, { 0.5, -1.0 } })));
        Assert.Contains("diagonal of scaleTril must be positive", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, scaleTril: Sigma));
        Assert.Contains("must be lower-triangular", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu));
        Assert.Contains("exactly one of covarianceMatrix, precisionMatrix or scaleTril, got 0", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, covarianceMatrix: Sigma, scaleTril: L));
        Assert.Contains("got 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(F64(0, 0, 0), covarianceMatrix: Sigma));
        Assert.Contains("covarianceMatrix must be [..., n, n] with n = 3", e.Message);
        e = Assert.Throws<ArgumentException>(() => new MultivariateNormal(Mu, covarianceMatrix: Sigma).LogProb(F64(1, 2, 3)));
        Assert.Contains("event shape [2]", e.Message);
    }
}
