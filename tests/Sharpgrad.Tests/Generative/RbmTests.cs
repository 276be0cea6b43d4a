using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// A binary RBM with 10 visible and 5 hidden units, small enough to enumerate all 2^15 joint states in plain loops here:
/// free energy, exact log Z, AIS (GBC §18.7.1) and the CD/PCD gradient estimates (GBC Alg. 18.2, 18.3).
/// </summary>
public class RbmTests
{
    private const int Visible = 10, Hidden = 5;

    /// <summary>Weights N(0, 1) and biases N(0, 0.5²): coupled enough that log Z is far from the independent model's.</summary>
    private static BernoulliRbm TestRbm(int seed = 1)
    {
        var rbm = new BernoulliRbm(Visible, Hidden, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.Randn([Hidden, Visible], DType.Float64, g));
            rbm.VisibleBias.CopyFrom(Tensor.Randn([Visible], DType.Float64, g) * 0.5);
            rbm.HiddenBias.CopyFrom(Tensor.Randn([Hidden], DType.Float64, g) * 0.5);
        }
        return rbm;
    }

    /// <summary>E(v, h) = −bᵀv − cᵀh − hᵀWv, written out from GBC eq. 20.4.</summary>
    private static double Energy(double[] w, double[] b, double[] c, int v, int h)
    {
        double e = 0;
        for (int i = 0; i < Visible; i++) if (Bit(v, i)) e -= b[i];
        for (int j = 0; j < Hidden; j++)
        {
            if (!Bit(h, j)) continue;
            e -= c[j];
            for (int i = 0; i < Visible; i++) if (Bit(v, i)) e -= w[j * Visible + i];
        }
        return e;
    }

    private static bool Bit(int state, int i) => ((state >> i) & 1) == 1;

    private static double[] Row(int v) => Enumerable.Range(0, Visible).Select(i => Bit(v, i) ? 1.0 : 0.0).ToArray();

    private static double LogSumExp(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double max = a.Max();
        return max + Math.Log(a.Sum(x => Math.Exp(x - max)));
    }

    private static (double[] W, double[] B, double[] C) Parameters(BernoulliRbm rbm)
        => (rbm.Weight.ToArray<double>(), rbm.VisibleBias.ToArray<double>(), rbm.HiddenBias.ToArray<double>());

    [Fact]
    public void FreeEnergyIsMinusTheLogOfTheHiddenSum()
    {
        var rbm = TestRbm();
        var (w, b, c) = Parameters(rbm);
        int[] states = [0, 1, 77, 512, 1023];
        var v = Tensor.From(Row2D(states));
        var free = rbm.FreeEnergy(v).ToArray<double>();
        for (int k = 0; k < states.Length; k++)
        {
            double bruteForce = -LogSumExp(Enumerable.Range(0, 1 << Hidden).Select(h => -Energy(w, b, c, states[k], h)));
            Assert.Equal(bruteForce, free[k], 11);
        }
    }

    [Fact]
    public void ExactLogZMatchesTheSumOverAllJointStates()
    {
        var rbm = TestRbm();
        var (w, b, c) = Parameters(rbm);
        double bruteForce = LogSumExp(
            from v in Enumerable.Range(0, 1 << Visible) from h in Enumerable.Range(0, 1 << Hidden) select -Energy(w, b, c, v, h));
        Assert.Equal(bruteForce, ExactPartitionFunction.LogZ(rbm).Item(), 10);
    }

    [Fact]
    public void GaussianBernoulliRbmNormalisesOverTheVisibleSpace()
    {
        // ∫ e^{−F(v)} dv over a grid of the plane equals Z from the hidden enumeration (2 visible, 2 hidden units).
        var rbm = new GaussianBernoulliRbm(2, 2, DType.Float64);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.From(new double[,] { { 0.8, -0.4 }, { 0.3, 1.1 } }));
            rbm.VisibleBias.CopyFrom(Tensor.From(new[] { 0.5, -0.2 }));
            rbm.HiddenBias.CopyFrom(Tensor.From(new[] { -0.3, 0.6 }));
        }
        const double step = 0.05;
        var axis = Enumerable.Range(0, 321).Select(k => -8 + k * step).ToArray();
        var grid = Tensor.From(axis.SelectMany(x => axis.SelectMany(y => new[] { x, y })).ToArray()).Reshape(axis.Length * axis.Length, 2);
        double integral = Math.Log(step * step) + (-rbm.FreeEnergy(grid)).LogSumExp(0).Item();
        Assert.Equal(integral, ExactPartitionFunction.LogZ(rbm).Item(), 8);
    }

    [Fact]
    public void AisEstimatesLogZWithinATenthOfANat()
    {
        var rbm = TestRbm();
        double exact = ExactPartitionFunction.LogZ(rbm).Item();
        var data = Tensor.Rand([50, Visible], DType.Float64, new Generator(2)).Lt(0.3).Double();
        var ais = AnnealedImportanceSampling.LogZ(rbm, runs: 100, AnnealedImportanceSampling.LinearSchedule(500), new Generator(3),
            AnnealedImportanceSampling.BaseRateBiases(data));
        Assert.True(Math.Abs(ais.LogZ - exact) < 0.1, $"AIS {ais.LogZ:F4} ± {ais.StandardError:F4} vs exact {exact:F4}");
        Assert.True(Math.Abs(ais.LogZBase - exact) > 1, "the base-rate model alone should be far from the answer, or the test proves nothing");
        Assert.True(ais.StandardError < 0.1);
    }

    [Fact]
    public void ExactLogZOfOneVisibleAndOneHiddenUnitIsTheFourTermSum()
    {
        // E(v, h) = −bv − ch − whv over {0, 1}²: Z = 1 + e^b + e^c + e^{b + c + w}, written out by hand.
        var rbm = new BernoulliRbm(1, 1, DType.Float64);
        using (Autograd.NoGrad())
        {
            rbm.Weight.CopyFrom(Tensor.From(new double[,] { { 1.5 } }));
            rbm.VisibleBias.CopyFrom(Tensor.From(new[] { -0.7 }));
            rbm.HiddenBias.CopyFrom(Tensor.From(new[] { 0.4 }));
        }
        Assert.Equal(Math.Log(1 + Math.Exp(-0.7) + Math.Exp(0.4) + Math.Exp(-0.7 + 0.4 + 1.5)), ExactPartitionFunction.LogZ(rbm).Item(), 14);
    }

    [Fact]
    public void ExactSamplesHaveTheModelsVisibleMarginals()
    {
        // p(vᵢ = 1) from the 2^15 joint states in plain loops; 20000 ancestral draws within 4 standard errors of each.
        var rbm = TestRbm();
        var (w, b, c) = Parameters(rbm);
        var logP = (from v in Enumerable.Range(0, 1 << Visible) from h in Enumerable.Range(0, 1 << Hidden) select (v, e: -Energy(w, b, c, v, h))).ToArray();
        double logZ = LogSumExp(logP.Select(x => x.e));
        const int n = 20000;
        var mean = ExactPartitionFunction.Sample(rbm, n, new Generator(7)).Mean(0).ToArray<double>();
        for (int i = 0; i < Visible; i++)
        {
            double p = logP.Where(x => Bit(x.v, i)).Sum(x => Math.Exp(x.e - logZ));
            Assert.True(Math.Abs(mean[i] - p) < 4 * Math.Sqrt(p * (1 - p) / n), $"unit {i}: sampled {mean[i]:F4} vs exact {p:F4}");
        }
    }

    [Fact]
    public void ReverseAisFromExactSamplesEstimatesLogZWithinATenthOfANat()
    {
        var rbm = TestRbm();
        double exact = ExactPartitionFunction.LogZ(rbm).Item();
        var reverse = AnnealedImportanceSampling.ReverseLogZ(rbm, ExactPartitionFunction.Sample(rbm, 100, new Generator(4)),
            AnnealedImportanceSampling.LinearSchedule(500), new Generator(5));
        Assert.True(Math.Abs(reverse.LogZ - exact) < 0.1, $"reverse AIS {reverse.LogZ:F4} ± {reverse.StandardError:F4} vs exact {exact:F4}");
        Assert.Equal((Visible + Hidden) * Math.Log(2), reverse.LogZBase, 12);   // the uniform base: 2^(10 + 5) states
        Assert.True(Math.Abs(reverse.LogZBase - exact) > 1, "the base model alone should be far from the answer, or the test proves nothing");
    }

    [Fact]
    public void AisFromABaseWithHiddenBiasesEstimatesLogZWithinATenthOfANat()
    {
        // Base model with the RBM's own hidden biases: Z_A = Πᵢ(1 + e^{b_A,i})·Πⱼ(1 + e^{cⱼ}), both directions unbiased for it.
        var rbm = TestRbm();
        var (_, _, c) = Parameters(rbm);
        double exact = ExactPartitionFunction.LogZ(rbm).Item();
        var hiddenBias = rbm.HiddenBias.Detach();
        var forward = AnnealedImportanceSampling.LogZ(rbm, 100, AnnealedImportanceSampling.LinearSchedule(500), new Generator(3), baseHiddenBias: hiddenBias);
        var reverse = AnnealedImportanceSampling.ReverseLogZ(rbm, ExactPartitionFunction.Sample(rbm, 100, new Generator(4)),
            AnnealedImportanceSampling.LinearSchedule(500), new Generator(5), baseHiddenBias: hiddenBias);
        Assert.Equal(Visible * Math.Log(2) + c.Sum(cj => Math.Log(1 + Math.Exp(cj))), forward.LogZBase, 12);
        Assert.True(Math.Abs(forward.LogZ - exact) < 0.1, $"forward AIS {forward.LogZ:F4} ± {forward.StandardError:F4} vs exact {exact:F4}");
        Assert.True(Math.Abs(reverse.LogZ - exact) < 0.1, $"reverse AIS {reverse.LogZ:F4} ± {reverse.StandardError:F4} vs exact {exact:F4}");
    }

    [Fact]
    public void ReverseAisNamesItselfAndTheExpectedShapeForBadSamples()
    {
        var rbm = TestRbm();
        var error = Assert.Throws<ArgumentException>(() => AnnealedImportanceSampling.ReverseLogZ(rbm, Tensor.Zeros([4, Visible + 1], DType.Float64),
            AnnealedImportanceSampling.LinearSchedule(5), new Generator(1)));
        Assert.Contains("ReverseLogZ", error.Message);
        Assert.Contains("[4, 11]", error.Message);
        Assert.Contains("[runs, 10]", error.Message);
        Assert.Contains("base hidden biases must be [5]", Assert.Throws<ArgumentException>(() => AnnealedImportanceSampling.LogZ(rbm, 4,
            AnnealedImportanceSampling.LinearSchedule(5), new Generator(1), baseHiddenBias: Tensor.Zeros([3], DType.Float64))).Message);
    }

    /// <summary>The exact gradient of the mean negative log-likelihood, by autograd through the enumerated log Z.</summary>
    private static double[] ExactGradient(BernoulliRbm rbm, Tensor data)
    {
        rbm.ZeroGrad();
        (-ExactPartitionFunction.LogLikelihood(rbm, data)).Backward();
        return rbm.Weight.Grad!.ToArray<double>();
    }

    /// <summary>The mean over <paramref name="repeats"/> updates of the surrogate loss's weight gradient, parameters fixed.</summary>
    private static double[] EstimatedGradient(BernoulliRbm rbm, Tensor data, ContrastiveDivergence cd, int repeats, Generator g)
    {
        var sum = new double[Hidden * Visible];
        for (int r = 0; r < repeats; r++)
        {
            rbm.ZeroGrad();
            cd.Loss(rbm, data, g).Backward();
            var grad = rbm.Weight.Grad!.ToArray<double>();
            for (int i = 0; i < sum.Length; i++) sum[i] += grad[i] / repeats;
        }
        return sum;
    }

    private static Tensor Data() => Tensor.Rand([20, Visible], DType.Float64, new Generator(4)).Lt(0.4).Double();

    [Fact]
    public void PcdGradientMatchesTheExactGradientInExpectation()
    {
        var rbm = TestRbm();
        var data = Data();
        var exact = ExactGradient(rbm, data);
        var pcd = new ContrastiveDivergence(steps: 1, persistent: true, chainCount: 500);
        var g = new Generator(5);
        EstimatedGradient(rbm, data, pcd, repeats: 30, g); // burn-in
        var estimate = EstimatedGradient(rbm, data, pcd, repeats: 60, g);
        // ∂F/∂Wⱼᵢ = −σⱼvᵢ ∈ [−1, 0]: over 500 chains × 60 correlated sweeps the standard error is below 0.01.
        Close.All(exact, estimate, 0.04);
    }

    [Fact]
    public void CdWithLongChainsMatchesTheExactGradientAndCd1IsBiased()
    {
        var rbm = TestRbm();
        var data = Tensor.Cat(Enumerable.Repeat(Data(), 25).ToArray()); // 500 chains started at the data
        var exact = ExactGradient(rbm, data);
        var g = new Generator(6);
        Close.All(exact, EstimatedGradient(rbm, data, new ContrastiveDivergence(steps: 50), repeats: 4, g), 0.04);
        // CD-1 starts at the data and stays near it, so its negative phase is biased toward the data statistics.
        var cd1 = EstimatedGradient(rbm, data, new ContrastiveDivergence(steps: 1), repeats: 4, g);
        Assert.True(exact.Zip(cd1).Max(p => Math.Abs(p.First - p.Second)) > 0.08, "CD-1 should differ visibly from the exact gradient on this model");
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var rbm = TestRbm();
        var error = Assert.Throws<ArgumentException>(() => rbm.FreeEnergy(Tensor.Zeros([3, 7], DType.Float64)));
        Assert.Contains("BernoulliRbm", error.Message);
        Assert.Contains("[3, 7]", error.Message);
        Assert.Throws<ArgumentException>(() => ExactPartitionFunction.LogZ(new BernoulliRbm(4, 21)));
    }

    private static double[,] Row2D(int[] states)
    {
        var rows = new double[states.Length, Visible];
        for (int k = 0; k < states.Length; k++)
            for (int i = 0; i < Visible; i++) rows[k, i] = Row(states[k])[i];
        return rows;
    }
}
