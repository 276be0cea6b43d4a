using Sharpgrad.Generative;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// A 4-3-2 deep Boltzmann machine (GBC §20.4), small enough to enumerate its 2⁹ joint states in plain loops here:
/// exact log Z and log p(v), the mean-field fixed point (GBC eq. 20.29–20.30) and its bound, and joint training.
/// </summary>
public class DeepBoltzmannMachineTests
{
    private const int V = 4, H1 = 3, H2 = 2;

    private static DeepBoltzmannMachine RandomDbm(int seed, double scale = 1)
    {
        var dbm = new DeepBoltzmannMachine(V, H1, H2, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
            foreach (var p in dbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g) * scale);
        return dbm;
    }

    private static bool Bit(int state, int i) => ((state >> i) & 1) == 1;

    private static double[] Bits(int state, int n) => Enumerable.Range(0, n).Select(i => Bit(state, i) ? 1.0 : 0.0).ToArray();

    /// <summary>E = −bᵀv − c⁽¹⁾ᵀh⁽¹⁾ − c⁽²⁾ᵀh⁽²⁾ − h⁽¹⁾ᵀW⁽¹⁾v − h⁽²⁾ᵀW⁽²⁾h⁽¹⁾, written out from GBC eq. 20.25 with biases.</summary>
    private static double Energy(DeepBoltzmannMachine dbm, double[] v, double[] h1, double[] h2)
    {
        var (w1, w2) = (dbm.Weight1.ToArray<double>(), dbm.Weight2.ToArray<double>());
        var (b, c1, c2) = (dbm.VisibleBias.ToArray<double>(), dbm.HiddenBias1.ToArray<double>(), dbm.HiddenBias2.ToArray<double>());
        double e = 0;
        for (int i = 0; i < V; i++) e -= b[i] * v[i];
        for (int j = 0; j < H1; j++)
        {
            e -= c1[j] * h1[j];
            for (int i = 0; i < V; i++) e -= h1[j] * w1[j * V + i] * v[i];
        }
        for (int k = 0; k < H2; k++)
        {
            e -= c2[k] * h2[k];
            for (int j = 0; j < H1; j++) e -= h2[k] * w2[k * H1 + j] * h1[j];
        }
        return e;
    }

    private static double LogSumExp(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double max = a.Max();
        return max + Math.Log(a.Sum(x => Math.Exp(x - max)));
    }

    /// <summary>log Σ_{h⁽¹⁾,h⁽²⁾} e^{−E(v, h)} by brute force.</summary>
    private static double BruteLogUnnormalised(DeepBoltzmannMachine dbm, int v)
        => LogSumExp(from h1 in Enumerable.Range(0, 1 << H1) from h2 in Enumerable.Range(0, 1 << H2)
                     select -Energy(dbm, Bits(v, V), Bits(h1, H1), Bits(h2, H2)));

    private static Tensor AllVisible() => Tensor.From(Enumerable.Range(0, 1 << V).SelectMany(v => Bits(v, V)).ToArray()).Reshape(1 << V, V);

    [Fact]
    public void EnergyMatchesTheWrittenOutFormula()
    {
        var dbm = RandomDbm(1);
        var (v, h1, h2) = (Bits(11, V), Bits(5, H1), Bits(2, H2));
        double actual = dbm.Energy(Tensor.From(v).Reshape(1, V), Tensor.From(h1).Reshape(1, H1), Tensor.From(h2).Reshape(1, H2)).Item();
        Assert.Equal(Energy(dbm, v, h1, h2), actual, 12);
    }

    [Fact]
    public void ExactLogZAndMarginalsMatchTheSumOverAllJointStates()
    {
        var dbm = RandomDbm(2);
        double bruteLogZ = LogSumExp(Enumerable.Range(0, 1 << V).Select(v => BruteLogUnnormalised(dbm, v)));
        Assert.Equal(bruteLogZ, ExactPartitionFunction.LogZ(dbm).Item(), 10);
        var marginals = ExactPartitionFunction.LogUnnormalisedProbability(dbm, AllVisible()).ToArray<double>();
        for (int v = 0; v < 1 << V; v++) Assert.Equal(BruteLogUnnormalised(dbm, v), marginals[v], 10);
    }

    [Fact]
    public void MeanFieldFixedPointSatisfiesItsEquations()
    {
        var dbm = RandomDbm(3, scale: 1.5);
        var (w1, w2) = (dbm.Weight1.ToArray<double>(), dbm.Weight2.ToArray<double>());
        var (c1, c2) = (dbm.HiddenBias1.ToArray<double>(), dbm.HiddenBias2.ToArray<double>());
        var q = dbm.MeanField(AllVisible(), maxIterations: 200, tolerance: 1e-10);
        Assert.True(q.Converged, $"mean field did not converge in {q.Iterations} sweeps");
        var (mu1, mu2) = (q.Hidden1.ToArray<double>(), q.Hidden2.ToArray<double>());
        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        for (int n = 0; n < 1 << V; n++)
        {
            var v = Bits(n, V);
            // GBC eq. 20.29: ĥ⁽¹⁾ⱼ = σ(c⁽¹⁾ⱼ + Σᵢ vᵢW⁽¹⁾ⱼᵢ + Σₖ W⁽²⁾ₖⱼĥ⁽²⁾ₖ); eq. 20.30: ĥ⁽²⁾ₖ = σ(c⁽²⁾ₖ + Σⱼ W⁽²⁾ₖⱼĥ⁽¹⁾ⱼ).
            for (int j = 0; j < H1; j++)
            {
                double input = c1[j] + Enumerable.Range(0, V).Sum(i => v[i] * w1[j * V + i]) + Enumerable.Range(0, H2).Sum(k => w2[k * H1 + j] * mu2[n * H2 + k]);
                Assert.True(Math.Abs(Sigmoid(input) - mu1[n * H1 + j]) < 1e-9, $"v = {n}, ĥ⁽¹⁾{j}");
            }
            for (int k = 0; k < H2; k++)
            {
                double input = c2[k] + Enumerable.Range(0, H1).Sum(j => w2[k * H1 + j] * mu1[n * H1 + j]);
                Assert.True(Math.Abs(Sigmoid(input) - mu2[n * H2 + k]) < 1e-9, $"v = {n}, ĥ⁽²⁾{k}");
            }
        }
    }

    [Fact]
    public void MeanFieldBoundIsBelowTheExactLogLikelihoodAndAboveTheFirstGuess()
    {
        var dbm = RandomDbm(4, scale: 1.5);
        var visible = AllVisible();
        double logZ = ExactPartitionFunction.LogZ(dbm).Item();
        var exact = ExactPartitionFunction.LogUnnormalisedProbability(dbm, visible).ToArray<double>();
        var bound = dbm.VariationalBound(visible, dbm.MeanField(visible, tolerance: 1e-10)).ToArray<double>();
        var firstSweep = dbm.VariationalBound(visible, dbm.MeanField(visible, maxIterations: 1)).ToArray<double>();
        double worstGap = 0;
        for (int n = 0; n < 1 << V; n++)
        {
            Assert.True(bound[n] - logZ <= exact[n] - logZ + 1e-12, $"v = {n}: ELBO {bound[n] - logZ} above log p(v) {exact[n] - logZ}");
            Assert.True(bound[n] >= firstSweep[n] - 1e-12, $"v = {n}: the fixed point's bound {bound[n]} is below the first sweep's {firstSweep[n]}");
            worstGap = Math.Max(worstGap, exact[n] - bound[n]);
        }
        // The posterior over h⁽¹⁾, h⁽²⁾ is not factorial with these couplings, so the bound is strict somewhere.
        Assert.True(worstGap > 1e-3, $"the largest gap is {worstGap}: the test model is too weakly coupled to show the bound");
    }

    [Fact]
    public void TrainingGradientMatchesTheBoundsExactGradientInExpectation()
    {
        // With q fixed at the mean-field fixed point, ∇θ[mean L̃(v, q) − log Z] is exact here (log Z by enumeration); the
        // persistent chains' estimate of it, averaged over sweeps, must agree (GBC §20.4.4).
        var dbm = RandomDbm(9, scale: 0.7);
        var data = Tensor.Rand([10, V], DType.Float64, new Generator(10)).Lt(0.5).Double();
        var q = dbm.MeanField(data, tolerance: 1e-8);
        dbm.ZeroGrad();
        (-(dbm.VariationalBound(data, q).Mean() - ExactPartitionFunction.LogZ(dbm))).Backward();
        var exact = dbm.Parameters().SelectMany(p => p.Grad!.ToArray<double>()).ToArray();
        var training = new DeepBoltzmannTraining(chainCount: 1000, meanFieldIterations: 100);
        var g = new Generator(11);
        var estimate = new double[exact.Length];
        const int burnIn = 20, repeats = 60;
        for (int r = 0; r < burnIn + repeats; r++)
        {
            dbm.ZeroGrad();
            training.Loss(dbm, data, g).Backward();
            if (r < burnIn) continue;
            var grad = dbm.Parameters().SelectMany(p => p.Grad!.ToArray<double>()).ToArray();
            for (int i = 0; i < grad.Length; i++) estimate[i] += grad[i] / repeats;
        }
        // Each entry is a mean of products of units in [0, 1]: over 1000 chains × 60 correlated sweeps the error is < 0.01.
        Close.All(exact, estimate, 0.03);
    }

    [Fact]
    public void JointTrainingRaisesTheExactLogLikelihood()
    {
        // Data: two 4-bit patterns with 10% of the bits flipped; the uniform model's log-likelihood is −4 log 2 = −2.77.
        var g = new Generator(5);
        var patterns = Tensor.From(new double[,] { { 1, 1, 0, 0 }, { 0, 0, 1, 1 } });
        var data = patterns.IndexSelect(0, Tensor.RandInt(0, 2, [200], generator: g));
        data = (data - Tensor.Rand(data.Shape, DType.Float64, g).Lt(0.1).Double()).Abs();
        var dbm = new DeepBoltzmannMachine(V, H1, H2, DType.Float64, new Generator(6));
        double LogLikelihood() => (ExactPartitionFunction.LogUnnormalisedProbability(dbm, data).Mean() - ExactPartitionFunction.LogZ(dbm)).Item();
        double before = LogLikelihood();
        var training = new DeepBoltzmannTraining(chainCount: 100);
        var opt = new Adam(dbm.Parameters(), lr: 0.02);
        for (int epoch = 0; epoch < 60; epoch++)
        {
            for (int start = 0; start < 200; start += 20)
            {
                var loss = training.Loss(dbm, data.Narrow(0, start, 20), g);
                opt.ZeroGrad();
                loss.Backward();
                opt.Step();
            }
        }
        double after = LogLikelihood();
        // The data's own entropy (≈ 0.69 + 4·H(0.1) ≈ 2.0 nats) caps what any model can reach; this run reaches −1.95 (the
        // empirical distribution of 200 draws) from −2.77, though PCD's noise makes intermediate epochs swing by ±0.2.
        Assert.True(after > before + 0.5, $"exact log-likelihood {before:F3} → {after:F3}");
    }

    [Fact]
    public void GreedyPretrainingStartsAboveTheUntrainedModel()
    {
        // Two CD-1 RBMs composed (without the doubled-weights correction) already model the two-pattern data better than
        // the near-uniform untrained DBM (−4 log 2 = −2.77 nats).
        var g = new Generator(12);
        var patterns = Tensor.From(new double[,] { { 1, 1, 0, 0 }, { 0, 0, 1, 1 } });
        var data = patterns.IndexSelect(0, Tensor.RandInt(0, 2, [200], generator: g));
        var dbm = DeepBoltzmannMachine.Pretrain(data, H1, H2, epochs: 20, generator: g);
        double logLikelihood = (ExactPartitionFunction.LogUnnormalisedProbability(dbm, data).Mean() - ExactPartitionFunction.LogZ(dbm)).Item();
        Assert.True(logLikelihood > -2.77 + 0.5, $"pretrained exact log-likelihood {logLikelihood:F3}");
    }

    [Fact]
    public void FromRbmsCopiesTheWeightsAndAveragesTheSharedBias()
    {
        var g = new Generator(7);
        var bottom = new BernoulliRbm(V, H1, DType.Float64, g);
        var top = new BernoulliRbm(H1, H2, DType.Float64, g);
        using (Autograd.NoGrad())
        {
            bottom.HiddenBias.CopyFrom(Tensor.From(new[] { 1.0, 2.0, 3.0 }));
            top.VisibleBias.CopyFrom(Tensor.From(new[] { 3.0, 0.0, -1.0 }));
        }
        var dbm = DeepBoltzmannMachine.FromRbms(bottom, top);
        Close.All(bottom.Weight.ToArray<double>(), dbm.Weight1.ToArray<double>(), 0);
        Close.All(top.Weight.ToArray<double>(), dbm.Weight2.ToArray<double>(), 0);
        Close.All([2.0, 1.0, 1.0], dbm.HiddenBias1.ToArray<double>(), 1e-15);
        var error = Assert.Throws<ArgumentException>(() => DeepBoltzmannMachine.FromRbms(bottom, new BernoulliRbm(5, 2, DType.Float64)));
        Assert.Contains("FromRbms", error.Message);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var dbm = RandomDbm(8);
        var error = Assert.Throws<ArgumentException>(() => dbm.MeanField(Tensor.Zeros([2, 5], DType.Float64)));
        Assert.Contains("DeepBoltzmannMachine", error.Message);
        Assert.Contains("[2, 5]", error.Message);
    }
}
