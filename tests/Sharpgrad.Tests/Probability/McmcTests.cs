using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>Markov chain Monte Carlo (GBC §17.3–17.5): the chains recover known moments, are seeded, and mix as the book says.</summary>
public class McmcTests
{
    /// <summary>
    /// Asserts that the chain's average of <paramref name="values"/> (one row per state) is within 4 batch-means standard
    /// errors of <paramref name="expected"/>. Successive MCMC states are correlated, so s/√n would understate the error;
    /// means of 20 long batches are nearly independent.
    /// </summary>
    private static void ChainAgrees(Tensor values, double[] expected, string what)
    {
        int batches = 20, length = values.Size(0) / batches;
        var batchMeans = values.Narrow(0, 0, batches * length).Reshape([batches, length, .. values.Shape[1..]]).Mean(1);
        WithinStandardErrors(batchMeans, Tensor.FromArray(expected).Reshape(values.Shape[1..]), what);
    }

    private static Func<Tensor, Tensor> Gaussian1D(double mean, double sd) => x => -0.5 * ((x - mean) / sd).Square().Sum();

    [Fact]
    public void MetropolisHastingsRecoversAGaussian()
    {
        var chain = new MetropolisHastings(Gaussian1D(2, 1.5), stepSize: 3).Run(Tensor.Scalar(0.0, DType.Float64), 20_000, new Generator(0), burnIn: 500);
        Assert.Equal(new[] { 20_000 }, chain.Samples.Shape);
        Assert.InRange(chain.AcceptanceRate, 0.2, 0.7);
        ChainAgrees(chain.Samples.Unsqueeze(1), [2], "mean");
        ChainAgrees((chain.Samples - 2).Square().Unsqueeze(1), [2.25], "variance");
    }

    /// <summary>
    /// A user proposal: the multiplicative random walk x′ = x·e^(σε) for positive targets. It is asymmetric —
    /// q(x′ | x) is log-normal with density ∝ 1/x′ — so its Hastings correction is log(x′/x).
    /// </summary>
    private sealed class LogNormalRandomWalk(double sigma) : Proposal
    {
        public override Tensor Propose(Tensor current, Generator generator) =>
            current * (sigma * Tensor.Randn(current.Shape, current.DType, generator)).Exp();

        public override double LogHastingsCorrection(Tensor current, Tensor proposed) => (proposed / current).Log().Sum().Item();
    }

    [Fact]
    public void MetropolisHastingsWithAnAsymmetricUserProposal()
    {
        // Gamma(3, 1): mean 3, variance 3. Without the Hastings correction this chain would target x·p(x) (mean 4).
        var target = new Gamma(F64(3), F64(1));
        var chain = new MetropolisHastings(x => target.LogProb(x).Sum(), new LogNormalRandomWalk(0.8))
            .Run(F64(1), 20_000, new Generator(1), burnIn: 500);
        Assert.InRange(chain.AcceptanceRate, 0.2, 1);
        ChainAgrees(chain.Samples, [3], "mean");
        ChainAgrees((chain.Samples - 3).Square(), [3], "variance");
    }

    [Fact]
    public void IndependenceSamplerRecoversAGaussian()
    {
        var chain = new MetropolisHastings(Gaussian1D(2, 1.5), new IndependentProposal(new Normal(F64(1), F64(3))))
            .Run(F64(0), 20_000, new Generator(2), burnIn: 200);
        ChainAgrees(chain.Samples, [2], "mean");
        ChainAgrees((chain.Samples - 2).Square(), [2.25], "variance");
    }

    [Fact]
    public void HamiltonianMonteCarloRecoversAGaussian()
    {
        var chain = new HamiltonianMonteCarlo(Gaussian1D(2, 1.5), stepSize: 0.5, leapfrogSteps: 5)
            .Run(Tensor.Scalar(0.0, DType.Float64), 2_000, new Generator(3), burnIn: 100);
        Assert.InRange(chain.AcceptanceRate, 0.6, 1);
        ChainAgrees(chain.Samples.Unsqueeze(1), [2], "mean");
        ChainAgrees((chain.Samples - 2).Square().Unsqueeze(1), [2.25], "variance");
    }

    [Fact]
    public void HamiltonianMonteCarloRecoversACorrelatedTwoDimensionalGaussian()
    {
        // Σ = [[1, 0.8], [0.8, 1]]; log p(x) = −½ xᵀΣ⁻¹x with Σ⁻¹ = [[1, −0.8], [−0.8, 1]] / 0.36.
        var precision = Tensor.From(new double[,] { { 1, -0.8 }, { -0.8, 1 } }) / 0.36;
        var chain = new HamiltonianMonteCarlo(x => -0.5 * x.Dot(precision.MatMul(x)), stepSize: 0.25, leapfrogSteps: 8)
            .Run(F64(2, -2), 2_000, new Generator(4), burnIn: 100);
        Assert.Equal(new[] { 2_000, 2 }, chain.Samples.Shape);
        Assert.InRange(chain.AcceptanceRate, 0.6, 1);
        var x = chain.Samples;
        ChainAgrees(x, [0, 0], "mean");
        var x0 = x[.., 0];
        var x1 = x[.., 1];
        ChainAgrees(Tensor.Stack([x0 * x0, x1 * x1, x0 * x1], 1), [1, 1, 0.8], "second moments");
    }

    [Fact]
    public void ChainsAreDeterministicForASeed()
    {
        var sampler = new HamiltonianMonteCarlo(Gaussian1D(0, 1), 0.5, 5);
        var a = sampler.Run(F64(0.1), 200, new Generator(5));
        var b = sampler.Run(F64(0.1), 200, new Generator(5));
        Assert.Equal(a.Samples.ToDoubleArray(), b.Samples.ToDoubleArray());
        Assert.Equal(a.AcceptanceRate, b.AcceptanceRate);
        var mh = new MetropolisHastings(Gaussian1D(0, 1));
        Assert.Equal(mh.Run(F64(0), 200, new Generator(6)).Samples.ToDoubleArray(), mh.Run(F64(0), 200, new Generator(6)).Samples.ToDoubleArray());
        Assert.NotEqual(mh.Run(F64(0), 200, new Generator(6)).Samples.ToDoubleArray(), mh.Run(F64(0), 200, new Generator(7)).Samples.ToDoubleArray());
    }

    /// <summary>Gibbs on a standard bivariate Gaussian with correlation ρ: x₁ | x₂ ~ N(ρx₂, 1 − ρ²) and vice versa.</summary>
    private static McmcResult[] GibbsOnCorrelatedGaussian(double rho, long seed)
    {
        double sd = Math.Sqrt(1 - rho * rho);
        var gibbs = new Gibbs(
            (s, g) => rho * s[1] + sd * Tensor.Randn([], DType.Float64, g),
            (s, g) => rho * s[0] + sd * Tensor.Randn([], DType.Float64, g));
        return gibbs.Run([Tensor.Scalar(0.0, DType.Float64), Tensor.Scalar(0.0, DType.Float64)], 5_000, new Generator(seed), burnIn: 100);
    }

    [Fact]
    public void GibbsMixesSlowlyOnAStronglyCorrelatedGaussian()
    {
        // GBC §17.5: each conditional step is only √(1 − ρ²) wide, so with ρ = 0.99 the chain crawls along the ridge.
        // Its lag-1 autocorrelation is ρ² ≈ 0.98, against ≈ 0 for independent coordinates.
        var correlated = GibbsOnCorrelatedGaussian(0.99, 7);
        var independent = GibbsOnCorrelatedGaussian(0, 8);
        Assert.True(correlated[0].Autocorrelation(1).Item() >= 0.9, $"ρ = 0.99: lag-1 autocorrelation {correlated[0].Autocorrelation(1).Item()}");
        Assert.True(Math.Abs(independent[0].Autocorrelation(1).Item()) < 0.1, $"ρ = 0: lag-1 autocorrelation {independent[0].Autocorrelation(1).Item()}");
        Assert.Equal(1.0, correlated[0].AcceptanceRate);
        Assert.Equal(1.0, correlated[0].Autocorrelation(0).Item(), 12);
        // The independent chain is correct in the usual sense too.
        ChainAgrees(independent[0].Samples.Square().Unsqueeze(1), [1], "variance");
    }

    [Fact]
    public void AcceptanceRatesAreInTheUnitInterval()
    {
        foreach (var rate in new[]
                 {
                     new MetropolisHastings(Gaussian1D(0, 1), stepSize: 50).Run(F64(0), 500, new Generator(9)).AcceptanceRate,
                     new MetropolisHastings(Gaussian1D(0, 1), stepSize: 0.01).Run(F64(0), 500, new Generator(10)).AcceptanceRate,
                     new HamiltonianMonteCarlo(Gaussian1D(0, 1), 1.9, 3).Run(F64(0), 200, new Generator(11)).AcceptanceRate,
                 })
            Assert.True(rate > 0 && rate <= 1, $"acceptance rate {rate}");
        // A huge random-walk step is rarely accepted, a tiny one almost always.
        Assert.True(new MetropolisHastings(Gaussian1D(0, 1), stepSize: 50).Run(F64(0), 500, new Generator(12)).AcceptanceRate < 0.1);
        Assert.True(new MetropolisHastings(Gaussian1D(0, 1), stepSize: 0.01).Run(F64(0), 500, new Generator(13)).AcceptanceRate > 0.95);
    }
}
