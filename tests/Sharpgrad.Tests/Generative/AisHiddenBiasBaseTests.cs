using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// AIS with a hidden-bias base model (GBC §18.7.1; Salakhutdinov &amp; Murray 2008) on an RBM whose mass sits in a mode of
/// strongly biased hidden units that the data's base rates never reach, the transition kernel of the hidden units against
/// σ((1 − β)c_A + β(c + Wv)) written out, and the input checks of reverse AIS.
/// </summary>
public class AisHiddenBiasBaseTests
{
    private const int Visible = 10, Hidden = 4;
    private const double HiddenBias = 18, VisibleBias = 2, Filter = -6;

    /// <summary>
    /// cⱼ = 18, bᵢ = 2, Wⱼᵢ = −6: the filters pull the visible units off against their own biases. With all hidden units on
    /// and v = 0 the log-mass is 4·18 = 72; with v on and h off it is 10·ζ(2) ≈ 21.3. A hidden unit turns on only when at
    /// most 3 visible units are on, so Gibbs chains from v ≈ 1 stay in the 21-nat mode.
    /// </summary>
    private static BernoulliRbm StronglyBiasedRbm()
    {
        var rbm = new BernoulliRbm(Visible, Hidden, DType.Float64);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Full([Hidden, Visible], Filter, DType.Float64));
            rbm.VisibleBias.CopyFrom(Tensor.Full([Visible], VisibleBias, DType.Float64));
            rbm.HiddenBias.CopyFrom(Tensor.Full([Hidden], HiddenBias, DType.Float64));
        }
        return rbm;
    }

    private static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    private static double LogSumExp(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double max = a.Max();
        return max + Math.Log(a.Sum(x => Math.Exp(x - max)));
    }

    /// <summary>log Z summed over the visible states in plain loops: Σ_v e^{bᵀv + Σⱼ ζ(cⱼ + Wⱼ·v)} (GBC eq. 20.4 with h summed out).</summary>
    private static double LogZOverVisibleStates(double[] w, double[] b, double[] c)
    {
        int n = b.Length, m = c.Length;
        return LogSumExp(Enumerable.Range(0, 1 << n).Select(v =>
        {
            double s = Enumerable.Range(0, n).Where(i => ((v >> i) & 1) == 1).Sum(i => b[i]);
            for (int j = 0; j < m; j++)
                s += Softplus(c[j] + Enumerable.Range(0, n).Where(i => ((v >> i) & 1) == 1).Sum(i => w[j * n + i]));
            return s;
        }));
    }

    [Fact]
    public void HiddenBiasBaseFindsTheModeThatBaseRateAisMisses()
    {
        var rbm = StronglyBiasedRbm();
        double exact = ExactPartitionFunction.LogZ(rbm).Item();
        Assert.Equal(LogZOverVisibleStates(rbm.Weight.ToArray<double>(), rbm.VisibleBias.ToArray<double>(), rbm.HiddenBias.ToArray<double>()), exact, 9);
        var betas = AnnealedImportanceSampling.LinearSchedule(2000);   // standard errors ≈ 0.025: the 0.1 tolerance is 4 of them
        var data = Tensor.Rand([200, Visible], DType.Float64, new Generator(2)).Lt(0.9).Double();   // the v-on mode's states
        var baseRate = AnnealedImportanceSampling.LogZ(rbm, 100, AnnealedImportanceSampling.LinearSchedule(500), new Generator(3),
            AnnealedImportanceSampling.BaseRateBiases(data));
        var hiddenBias = rbm.HiddenBias.Detach();
        var forward = AnnealedImportanceSampling.LogZ(rbm, 100, betas, new Generator(3), baseHiddenBias: hiddenBias);
        var reverse = AnnealedImportanceSampling.ReverseLogZ(rbm, ExactPartitionFunction.Sample(rbm, 100, new Generator(4)), betas,
            new Generator(5), baseHiddenBias: hiddenBias);
        Assert.True(baseRate.LogZ < exact - 1, $"base-rate AIS {baseRate.LogZ:F4} should miss the 72-nat mode of exact {exact:F4}, or the test proves nothing");
        Assert.True(Math.Abs(forward.LogZ - exact) < 0.1, $"forward AIS {forward.LogZ:F4} ± {forward.StandardError:F4} vs exact {exact:F4}");
        Assert.True(Math.Abs(reverse.LogZ - exact) < 0.1, $"reverse AIS {reverse.LogZ:F4} ± {reverse.StandardError:F4} vs exact {exact:F4}");
        Assert.True(forward.StandardError < 0.035 && reverse.StandardError < 0.035, $"the 0.1-nat tolerance should be several standard errors: {forward.StandardError:F4}, {reverse.StandardError:F4}");
    }

    [Fact]
    public void HiddenDrawFollowsTheInterpolatedConditional()
    {
        // p_β(hⱼ = 1 | v) = σ((1 − β)c_A,ⱼ + β(cⱼ + Wⱼ·v)) by hand, against 20000 draws at one v; 4 binomial standard errors.
        var rbm = StronglyBiasedRbm();
        const double beta = 0.3;
        double[] baseHidden = [-1, 0, 1, 2];
        var path = AnnealedImportanceSampling.Path.Of(rbm, "test", AnnealedImportanceSampling.LinearSchedule(2), null,
            Tensor.FromArray(baseHidden, Hidden));
        double[] v = [1, 0, 0, 1, 0, 1, 0, 0, 0, 0];
        const int n = 20000;
        var states = Tensor.FromArray(v, 1, Visible).Expand([n, Visible]).Contiguous();
        var mean = AnnealedImportanceSampling.Path.SampleHidden(new AnnealedImportanceSampling.VisibleState(path, states).HiddenInput(beta), new Generator(6))
            .Mean(0).ToArray<double>();
        for (int j = 0; j < Hidden; j++)
        {
            double input = (1 - beta) * baseHidden[j] + beta * (HiddenBias + Filter * v.Sum());
            double p = 1 / (1 + Math.Exp(-input));
            Assert.True(Math.Abs(mean[j] - p) < 4 * Math.Sqrt(p * (1 - p) / n), $"hidden unit {j}: drawn {mean[j]:F4} vs σ({input}) = {p:F4}");
        }
    }

    [Fact]
    public void ExactLogZAndSamplesSpanSeveralEnumerationChunks()
    {
        // 13 hidden units: 8192 configurations in two chunks of 4096, checked by summing over the 8 visible states instead.
        const int visible = 3, hidden = 13;
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        var g = new Generator(8);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Randn([hidden, visible], DType.Float64, g));
            rbm.VisibleBias.CopyFrom(Tensor.Randn([visible], DType.Float64, g));
            rbm.HiddenBias.CopyFrom(Tensor.Randn([hidden], DType.Float64, g) * 0.5);
        }
        var (w, b, c) = (rbm.Weight.ToArray<double>(), rbm.VisibleBias.ToArray<double>(), rbm.HiddenBias.ToArray<double>());
        double logZ = LogZOverVisibleStates(w, b, c);
        Assert.Equal(logZ, ExactPartitionFunction.LogZ(rbm).Item(), 9);

        const int n = 20000;
        var samples = ExactPartitionFunction.Sample(rbm, n, new Generator(9)).ToArray<double>();
        var counts = new int[1 << visible];
        for (int k = 0; k < n; k++) counts[Enumerable.Range(0, visible).Sum(i => samples[k * visible + i] == 1 ? 1 << i : 0)]++;
        for (int v = 0; v < 1 << visible; v++)
        {
            var bits = Enumerable.Range(0, visible).Where(i => ((v >> i) & 1) == 1).ToArray();
            double logP = bits.Sum(i => b[i]) + Enumerable.Range(0, hidden).Sum(j => Softplus(c[j] + bits.Sum(i => w[j * visible + i]))) - logZ;
            double p = Math.Exp(logP), f = (double)counts[v] / n;
            Assert.True(Math.Abs(f - p) < 4 * Math.Sqrt(p * (1 - p) / n), $"visible state {v}: sampled {f:F4} vs exact {p:F4}");
        }
    }

    [Fact]
    public void ReverseAisRefusesSamplesThatAreNotBinaryStates()
    {
        var rbm = StronglyBiasedRbm();
        var betas = AnnealedImportanceSampling.LinearSchedule(5);
        var values = new double[3 * Visible];
        values[1 * Visible + 2] = 0.25;
        var probabilities = Tensor.FromArray(values, 3, Visible);
        var error = Assert.Throws<ArgumentException>(() => AnnealedImportanceSampling.ReverseLogZ(rbm, probabilities, betas, new Generator(1)));
        Assert.Contains("ReverseLogZ", error.Message);
        Assert.Contains("sample 1, unit 2", error.Message);
        Assert.Contains("0.25", error.Message);
        var nan = Tensor.Full([2, Visible], double.NaN, DType.Float64);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => AnnealedImportanceSampling.ReverseLogZ(rbm, nan, betas, new Generator(1))).Message);
    }

    [Fact]
    public void ScheduleErrorShowsItsLengthAndTheFirstBadPair()
    {
        var error = Assert.Throws<ArgumentException>(() => AnnealedImportanceSampling.LogZ(StronglyBiasedRbm(), 4, [0, 0.5, 0.5, 0.2, 1], new Generator(1)));
        Assert.Contains("AnnealedImportanceSampling.LogZ", error.Message);
        Assert.Contains("5 values", error.Message);
        Assert.Contains("β[1] = 0.5 then β[2] = 0.5", error.Message);
    }
}
