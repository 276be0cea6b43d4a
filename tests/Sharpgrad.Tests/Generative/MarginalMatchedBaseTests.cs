using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// The AIS base with the RBM's own marginals (GBC §18.7.1): its biases against logits worked out by hand, and AIS from it
/// on an RBM whose mass sits in one mode, where a short schedule suffices because the base already sits in that mode, and
/// on a strongly coupled RBM, where annealing must beat a single importance step from the same base.
/// </summary>
public class MarginalMatchedBaseTests
{
    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void BiasesAreTheLogitsOfTheSampleMeansAndOfTheMeanHiddenProbabilities()
    {
        // W is non-zero only on pixel 2, which is on in half of the eight hand-made samples, so the mean hidden probability
        // is ½(σ(cⱼ) + σ(cⱼ + wⱼ)): a base that used σ(c), or one sample's hidden draw, would miss it. The visible base is
        // the logit of each column's mean: 1/8, 2/8, 4/8 and 7/8; the 4096-unit padding columns, never on, sit at half a
        // count, logit(1/16).
        const int visible = 4096, hidden = 3, samples = 8, sharedPixel = 2;
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        double[] c = [-2, 0.5, 3], w = [1.5, -2, -4];
        var weight = new double[hidden, visible];
        for (int j = 0; j < hidden; j++) weight[j, sharedPixel] = w[j];
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.From(weight));
            rbm.HiddenBias.CopyFrom(Tensor.From(c));
        }
        int[] onCounts = [1, 2, 4, 7];
        var rows = new double[samples, visible];
        for (int i = 0; i < onCounts.Length; i++)
            for (int n = 0; n < onCounts[i]; n++) rows[n, i] = 1;
        var b = MarginalMatchedBase.FromSamples(rbm, Tensor.From(rows));
        var visibleBias = b.Visible.ToArray<double>();
        for (int i = 0; i < onCounts.Length; i++) Assert.Equal(Logit(onCounts[i] / 8.0), visibleBias[i], 12);
        Assert.Equal(Logit(1.0 / 16), visibleBias[visible - 1], 12);
        var hiddenBias = b.Hidden.ToArray<double>();
        for (int j = 0; j < hidden; j++) Assert.Equal(Logit(0.5 * (Sigmoid(c[j]) + Sigmoid(c[j] + w[j]))), hiddenBias[j], 12);
    }

    [Fact]
    public void ShortAisFromTheMarginalBaseMeetsTheLogZOfAOneModeRbmFromItsOwnSides()
    {
        // cⱼ = 18, bᵢ = 2, Wⱼᵢ = −6 (AisHiddenBiasBaseTests): log Z ≈ 72 in the h-on/v-off mode, the v-on mode ≈ 21.3 nats.
        // From the data's base rates (v on) 20 β land far below; from the model's marginals (default margin, half a count)
        // forward AIS is a stochastic lower bound and reverse AIS an upper one, each within 0.01 nats. All 1000 samples sit
        // at v = 0, so the base puts 1 − (1 − 1/2000)¹⁰ of its mass on v ≠ 0, where the weights are ≈ 0; in 100 runs those
        // are rarely drawn, and a run that stays at v = 0 returns exact + slack, slack = 10·(−log(1 − 1/2000)) ≈ 0.005,
        // with every weight equal (standard error 0). That is slack from undrawn weights, not a bias in expectation
        // (E[w] = Z/Z_A for a base with full support; Neal 2001), so the lower-bound side allows it.
        const int visible = 10, hidden = 4;
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Full([hidden, visible], -6.0, DType.Float64));
            rbm.VisibleBias.CopyFrom(Tensor.Full([visible], 2.0, DType.Float64));
            rbm.HiddenBias.CopyFrom(Tensor.Full([hidden], 18.0, DType.Float64));
        }
        double exact = ExactPartitionFunction.LogZ(rbm).Item();
        var betas = AnnealedImportanceSampling.LinearSchedule(20);
        var dataLike = Tensor.Rand([200, visible], DType.Float64, new Generator(2)).Lt(0.9).Double();
        var baseRate = AnnealedImportanceSampling.LogZ(rbm, 100, betas, new Generator(3), AnnealedImportanceSampling.BaseRateBiases(dataLike));
        var b = MarginalMatchedBase.FromSamples(rbm, ExactPartitionFunction.Sample(rbm, 1000, new Generator(6)));
        var forward = AnnealedImportanceSampling.LogZ(rbm, 100, betas, new Generator(3), b.Visible, b.Hidden);
        var reverse = AnnealedImportanceSampling.ReverseLogZ(rbm, ExactPartitionFunction.Sample(rbm, 100, new Generator(4)), betas,
            new Generator(5), b.Visible, b.Hidden);
        Assert.True(baseRate.LogZ < exact - 1, $"base-rate AIS {baseRate.LogZ:F4} should miss the 72-nat mode of exact {exact:F4}, or the test proves nothing");
        double slack = -visible * Math.Log(1 - 1 / 2000.0);
        Assert.True(forward.LogZ <= exact + slack + 3 * forward.StandardError + 1e-9 && forward.LogZ > exact - 0.01,
            $"forward AIS {forward.LogZ:F4} ± {forward.StandardError:F4} should be a lower bound (up to the {slack:F4} slack) within 0.01 of exact {exact:F4}");
        Assert.True(reverse.LogZ >= exact - 3 * reverse.StandardError && reverse.LogZ < exact + 0.01,
            $"reverse AIS {reverse.LogZ:F4} ± {reverse.StandardError:F4} should be an upper bound within 0.01 of exact {exact:F4}");
    }

    [Fact]
    public void AnnealingFromTheMarginalBaseBeatsOneImportanceStepOnACorrelatedRbm()
    {
        // W ~ N(0, 3²) couples the units strongly, so no factorial base is close to the model: one β step (plain importance
        // sampling from the base, GBC §17.2) has spread-out weights, and 1000 β from the same base must be far more precise
        // (seen: standard errors 0.011 against 0.0003; with W ~ N(0, 2²) or 16 visible units the ratio was 30–35 too).
        const int visible = 12, hidden = 4;
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        using (Autograd.NoGrad()) rbm.Weight.CopyFrom(Tensor.Randn([hidden, visible], DType.Float64, new Generator(11)) * 3.0);
        double exact = ExactPartitionFunction.LogZ(rbm).Item();
        var b = MarginalMatchedBase.FromSamples(rbm, ExactPartitionFunction.Sample(rbm, 1000, new Generator(12)));
        var annealed = AnnealedImportanceSampling.LogZ(rbm, 100, AnnealedImportanceSampling.LinearSchedule(1000), new Generator(13), b.Visible, b.Hidden);
        var oneStep = AnnealedImportanceSampling.LogZ(rbm, 100, AnnealedImportanceSampling.LinearSchedule(1), new Generator(14), b.Visible, b.Hidden);
        Assert.True(Math.Abs(annealed.LogZ - exact) <= Math.Max(3 * annealed.StandardError, 0.02),
            $"annealed AIS {annealed.LogZ:F4} ± {annealed.StandardError:F4} vs exact {exact:F4}");
        Assert.True(oneStep.StandardError >= 10 * annealed.StandardError,
            $"one step {oneStep.LogZ:F4} ± {oneStep.StandardError:F4} should be far less precise than 1000 β ({annealed.StandardError:F4}); exact {exact:F4}");
    }

    [Fact]
    public void RefusesSamplesOfTheWrongWidth()
    {
        var rbm = new BernoulliRbm(6, 2, DType.Float64);
        var e = Assert.Throws<ArgumentException>(() => MarginalMatchedBase.FromSamples(rbm, Tensor.Zeros([5, 7], DType.Float64)));
        Assert.Contains("MarginalMatchedBase.FromSamples", e.Message);
        Assert.Contains("[5, 7]", e.Message);
    }
}
