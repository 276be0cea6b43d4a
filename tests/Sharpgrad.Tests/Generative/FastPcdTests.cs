using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// Fast PCD (Tieleman &amp; Hinton 2009): the fast weights are the decayed sum of the updates' gradient estimates, and the
/// chains are sampled under θ + θ_f while θ itself is left untouched.
/// </summary>
public class FastPcdTests
{
    private const int Visible = 10, Hidden = 5;

    private static BernoulliRbm RandomRbm()
    {
        var rbm = new BernoulliRbm(Visible, Hidden, DType.Float64);
        var g = new Generator(11);
        using (Autograd.NoGrad())
            foreach (var p in rbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g) * 0.5);
        return rbm;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// ∇ of mean F(data) − mean F(negatives) in plain loops: ∂F/∂Wⱼᵢ = −σⱼvᵢ, ∂F/∂bᵢ = −vᵢ, ∂F/∂cⱼ = −σⱼ with
    /// σⱼ = σ(cⱼ + Wⱼ·v); returned in the RBM's parameter order (weight, visible_bias, hidden_bias).
    /// </summary>
    private static double[][] SurrogateGradient(BernoulliRbm rbm, Tensor data, Tensor negatives)
    {
        var (w, c) = (rbm.Weight.ToArray<double>(), rbm.HiddenBias.ToArray<double>());
        var grad = new[] { new double[Hidden * Visible], new double[Visible], new double[Hidden] };
        foreach (var (rows, sign) in new[] { (data, -1.0), (negatives, 1.0) })
        {
            var v = rows.ToArray<double>();
            int n = rows.Size(0);
            for (int r = 0; r < n; r++)
            {
                for (int i = 0; i < Visible; i++) grad[1][i] += sign * v[r * Visible + i] / n;
                for (int j = 0; j < Hidden; j++)
                {
                    double a = c[j];
                    for (int i = 0; i < Visible; i++) a += w[j * Visible + i] * v[r * Visible + i];
                    double s = Sigmoid(a);
                    grad[2][j] += sign * s / n;
                    for (int i = 0; i < Visible; i++) grad[0][j * Visible + i] += sign * s * v[r * Visible + i] / n;
                }
            }
        }
        return grad;
    }

    private static Tensor Data() => Tensor.Rand([20, Visible], DType.Float64, new Generator(12)).Lt(0.4).Double();

    [Fact]
    public void FastWeightsAreTheDecayedSumOfTheGradientEstimates()
    {
        var rbm = RandomRbm();
        var data = Data();
        var fpcd = new ContrastiveDivergence(steps: 1, persistent: true, chainCount: 30, fastLearningRate: 0.3, fastDecay: 0.9);
        var g = new Generator(13);
        fpcd.Loss(rbm, data, g);
        var first = SurrogateGradient(rbm, data, fpcd.Chains!);
        fpcd.Loss(rbm, data, g);
        var second = SurrogateGradient(rbm, data, fpcd.Chains!);
        for (int p = 0; p < 3; p++)
        {
            var expected = first[p].Zip(second[p], (a, b) => 0.9 * (-0.3 * a) - 0.3 * b).ToArray();
            Close.All(expected, fpcd.FastWeights![p].ToArray<double>(), 1e-12);
        }
    }

    [Fact]
    public void ChainsAreSampledUnderTheFastWeightsAndTheModelIsRestored()
    {
        // A uniform model (all parameters 0) and data that is always 111000: after one update the fast visible biases
        // are ±η_f·(data mean − chain mean) ≈ ±20, so the next Gibbs step under θ + θ_f reproduces the data's pattern
        // exactly, while plain PCD keeps drawing fair coins.
        var pattern = new double[] { 1, 1, 1, 0, 0, 0 };
        var data = Tensor.From(pattern).Reshape(1, 6).Expand(10, 6).Contiguous();
        Tensor SecondChains(double? fastRate, BernoulliRbm rbm)
        {
            var cd = new ContrastiveDivergence(steps: 1, persistent: true, chainCount: 50, fastLearningRate: fastRate);
            var g = new Generator(14);
            cd.Loss(rbm, data, g);
            cd.Loss(rbm, data, g);
            return cd.Chains!;
        }
        var rbm = new BernoulliRbm(6, 3, DType.Float64);
        using (Autograd.NoGrad()) rbm.Weight.CopyFrom(Tensor.Zeros([3, 6], DType.Float64));
        var fast = SecondChains(40, rbm);
        Assert.Equal(Enumerable.Range(0, 50).SelectMany(_ => pattern), fast.ToArray<double>());
        Assert.All(rbm.Parameters(), p => Assert.Equal(0.0, p.Abs().Max().Item()));
        var plain = SecondChains(null, rbm);
        Assert.NotEqual(Enumerable.Range(0, 50).SelectMany(_ => pattern), plain.ToArray<double>());
    }

    [Fact]
    public void ZeroFastLearningRateIsPlainPcdBitForBit()
    {
        var data = Data();
        double[] Chains(double? fastRate)
        {
            var rbm = RandomRbm();
            var cd = new ContrastiveDivergence(steps: 2, persistent: true, chainCount: 8, fastLearningRate: fastRate);
            var g = new Generator(15);
            for (int k = 0; k < 3; k++) cd.Loss(rbm, data, g);
            return cd.Chains!.ToArray<double>();
        }
        Assert.Equal(Chains(null), Chains(0));
    }

    [Fact]
    public void FastWeightsNeedPersistentChains()
    {
        var error = Assert.Throws<ArgumentException>(() => new ContrastiveDivergence(steps: 1, fastLearningRate: 0.1));
        Assert.Contains("ContrastiveDivergence", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ContrastiveDivergence(persistent: true, fastLearningRate: 0.1, fastDecay: 1.5));
    }
}
