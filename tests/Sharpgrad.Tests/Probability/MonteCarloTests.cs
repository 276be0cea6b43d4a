using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>Monte Carlo estimation with confidence intervals and importance sampling (GBC §17.1–17.2).</summary>
public class MonteCarloTests
{
    private const double PhiOfMinusThree = 0.0013498980316300946; // P(Z > 3) for Z ~ N(0, 1)

    [Fact]
    public void ConfidenceIntervalCoversAKnownIntegral()
    {
        // ∫₀¹ x² dx = 1/3 = E[x²] for x ~ U(0, 1).
        var estimate = MonteCarlo.Estimate(x => x.Square(), new Uniform(F64(0), F64(1)), 10_000, new Generator(0));
        Assert.True(estimate.Lower.Item() <= 1.0 / 3 && 1.0 / 3 <= estimate.Upper.Item(), estimate.ToString());
        // Var[x²] = 1/5 − 1/9 = 4/45, so SE ≈ √(4/45/n).
        Close(Math.Sqrt(4.0 / 45 / 10_000), estimate.StandardError.Item(), 0.05 * Math.Sqrt(4.0 / 45 / 10_000));
        Assert.Contains("95% CI", estimate.ToString());
    }

    [Fact]
    public void NinetyFivePercentIntervalsCoverAboutNinetyFivePercentOfTheTime()
    {
        // 200 independent estimates of E[x] = 2 for x ~ Exponential(0.5); the number that cover 2 is Binomial(200, 0.95),
        // i.e. 190 ± 3.1, so [180, 198] holds unless the intervals are miscalibrated.
        var generator = new Generator(1);
        var d = new Exponential(F64(0.5));
        int covered = 0;
        for (int run = 0; run < 200; run++)
        {
            var e = MonteCarlo.Estimate(x => x, d, 400, generator);
            if (e.Lower.Item() <= 2 && 2 <= e.Upper.Item()) covered++;
        }
        Assert.InRange(covered, 180, 198);
    }

    [Fact]
    public void StandardErrorShrinksLikeOneOverRootN()
    {
        var d = new Normal(F64(0), F64(1));
        double small = MonteCarlo.Estimate(x => x.Square(), d, 2_000, new Generator(2)).StandardError.Item();
        double large = MonteCarlo.Estimate(x => x.Square(), d, 32_000, new Generator(3)).StandardError.Item();
        Assert.InRange(small / large, 3.6, 4.4); // √16 = 4
    }

    [Fact]
    public void BatchedIntegrandsGiveOneEstimatePerBatchElement()
    {
        var d = new Gamma(F64(2, 5), F64(1, 0.5)); // means 2 and 10
        var estimate = MonteCarlo.Estimate(x => x, d, 20_000, new Generator(4));
        Assert.Equal(new[] { 2 }, estimate.Mean.Shape);
        Agrees(estimate, d.Mean, "Gamma mean");
    }

    [Fact]
    public void ImportanceSamplingRecoversTheTargetExpectation()
    {
        // E_p[x²] = 1 for p = N(0, 1), from samples of q = N(0.5, 1.5) weighted by p/q (GBC eq. 17.10).
        var p = new Normal(F64(0), F64(1));
        var q = new Normal(F64(0.5), F64(1.5));
        var estimate = MonteCarlo.ImportanceSampling(x => x.Square(), p, q, 20_000, new Generator(5));
        Agrees(estimate, Tensor.Scalar(1.0, DType.Float64), "E_p[x²]");
        Assert.InRange(estimate.EffectiveSampleSize.Item(), 1000, 20_000);
    }

    [Fact]
    public void ImportanceSamplingReducesTheVarianceOfARareEventEstimate()
    {
        // P(x > 3) under N(0, 1): plain Monte Carlo sees ~27 hits in 20,000; a proposal centred on the event sees
        // thousands, and its standard error is more than 10 times smaller (GBC §17.2, eq. 17.13).
        var p = new Normal(F64(0), F64(1));
        var plain = MonteCarlo.Estimate(x => x.Gt(3), p, 20_000, new Generator(6));
        var weighted = MonteCarlo.ImportanceSampling(x => x.Gt(3), p, new Normal(F64(3.5), F64(1)), 20_000, new Generator(7));
        Agrees(weighted, Tensor.Scalar(PhiOfMinusThree, DType.Float64), "P(x > 3)");
        Agrees(plain, Tensor.Scalar(PhiOfMinusThree, DType.Float64), "P(x > 3), plain");
        Assert.True(weighted.StandardError.Item() * 10 < plain.StandardError.Item(), $"importance {weighted}, plain {plain}");
    }

    [Fact]
    public void SelfNormalizedImportanceSamplingNeedsOnlyAnUnnormalizedDensity()
    {
        // log p̃(x) = −x²/2 + 7: an N(0, 1) with the wrong normaliser, which self-normalisation cancels (GBC eq. 17.14).
        var q = new StudentT(F64(3), F64(0), F64(1.5));
        var estimate = MonteCarlo.SelfNormalizedImportanceSampling(x => x.Square(), x => -0.5 * x.Square() + 7, q, 20_000, new Generator(8));
        Agrees(estimate, Tensor.Scalar(1.0, DType.Float64), "E_p[x²]");
        var mean = MonteCarlo.SelfNormalizedImportanceSampling(x => x, x => -0.5 * (x - 2).Square(), q, 20_000, new Generator(9));
        Agrees(mean, Tensor.Scalar(2.0, DType.Float64), "E_p[x]");
    }

    [Fact]
    public void EstimatesAreDifferentiableThroughRSample()
    {
        // ∂/∂μ E[(x − 1)²] = 2(μ − 1) for x ~ N(μ, 1): the estimate itself is a stochastic objective.
        var mu = F64(3).RequireGrad();
        var d = new Normal(mu, F64(1));
        var estimate = MonteCarloEstimate.FromValues((d.RSample([20_000], new Generator(10)) - 1).Square());
        estimate.Mean.Sum().Backward();
        Close(4, mu.Grad!.Item(), 4 * 2 / Math.Sqrt(20_000), "gradient of the estimate");
    }
}
