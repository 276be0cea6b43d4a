using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// The AIS base with the RBM's own marginals (GBC §18.7.1): its biases against logits worked out by hand, and AIS from it
/// on an RBM whose mass sits in one mode, where a short schedule suffices because the base already sits in that mode.
/// </summary>
public class MarginalMatchedBaseTests
{
    private static double Logit(double p) => Math.Log(p / (1 - p));

    [Fact]
    public void BiasesAreTheLogitsOfTheSampleMeansAndOfTheMeanHiddenProbabilities()
    {
        // W = 0: p(hⱼ = 1 | v) = σ(cⱼ) for every v, so the hidden base is c itself. The visible base is the logit of each
        // column's mean of the eight hand-made samples: 1/8, 2/8, 4/8 and 7/8 (the 4096-unit padding columns are all 0).
        const int visible = 4096, hidden = 3;
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        double[] c = [-2, 0.5, 3];
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Zeros([hidden, visible], DType.Float64));
            rbm.HiddenBias.CopyFrom(Tensor.From(c));
        }
        int[] onCounts = [1, 2, 4, 7];
        var rows = new double[8, visible];
        for (int i = 0; i < onCounts.Length; i++)
            for (int n = 0; n < onCounts[i]; n++) rows[n, i] = 1;
        var b = MarginalMatchedBase.FromSamples(rbm, Tensor.From(rows));
        var visibleBias = b.Visible.ToArray<double>();
        for (int i = 0; i < onCounts.Length; i++) Assert.Equal(Logit(onCounts[i] / 8.0), visibleBias[i], 12);
        Assert.Equal(Logit(1e-3), visibleBias[visible - 1], 12);   // never on: the margin keeps the logit finite
        var hiddenBias = b.Hidden.ToArray<double>();
        for (int j = 0; j < hidden; j++) Assert.Equal(c[j], hiddenBias[j], 12);
    }

    [Fact]
    public void ShortAisFromTheMarginalBaseBracketsTheLogZOfAOneModeRbm()
    {
        // cⱼ = 18, bᵢ = 2, Wⱼᵢ = −6 (AisHiddenBiasBaseTests): log Z ≈ 72 in the h-on/v-off mode, the v-on mode ≈ 21.3 nats.
        // From the data's base rates (v on) 20 β land far below; from the model's marginals both directions are within 0.01.
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
        // All samples sit at v = 0, so every visible logit is clamped at the margin; a reverse chain that never leaves v = 0
        // returns log f₁(0) − log p_A(v = 0) = exact + 10·(−log(1 − margin)), 0.01 nats for the default 1e-3. A margin of
        // 1e-6 makes that 1e-5, so the 0.01 tolerance tests the estimator rather than the clamp.
        var b = MarginalMatchedBase.FromSamples(rbm, ExactPartitionFunction.Sample(rbm, 1000, new Generator(6)), margin: 1e-6);
        var forward = AnnealedImportanceSampling.LogZ(rbm, 100, betas, new Generator(3), b.Visible, b.Hidden);
        var reverse = AnnealedImportanceSampling.ReverseLogZ(rbm, ExactPartitionFunction.Sample(rbm, 100, new Generator(4)), betas,
            new Generator(5), b.Visible, b.Hidden);
        Assert.True(baseRate.LogZ < exact - 1, $"base-rate AIS {baseRate.LogZ:F4} should miss the 72-nat mode of exact {exact:F4}, or the test proves nothing");
        Assert.True(Math.Abs(forward.LogZ - exact) < 0.01, $"forward AIS {forward.LogZ:F4} ± {forward.StandardError:F4} vs exact {exact:F4}");
        Assert.True(Math.Abs(reverse.LogZ - exact) < 0.01, $"reverse AIS {reverse.LogZ:F4} ± {reverse.StandardError:F4} vs exact {exact:F4}");
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
