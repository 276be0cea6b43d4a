using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>
/// The DBN (GBC §20.3): ancestral samples follow the exact marginal of a network small enough to enumerate, the upward
/// pass is the feed-forward network it hands over for fine-tuning, and greedy training learns a simple distribution.
/// </summary>
public class DeepBeliefNetworkTests
{
    private static BernoulliRbm RandomRbm(int visible, int hidden, int seed)
    {
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
            foreach (var p in rbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g));
        return rbm;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    private static bool Bit(int state, int i) => ((state >> i) & 1) == 1;

    /// <summary>
    /// p(v) = Σ_h p(v | h)·p_top(h) for a 3-3-2 DBN (GBC eq. 20.17–20.18): p_top(h) ∝ e^{−F(h)} is the top RBM's
    /// marginal of its visible layer, F(h) = −bᵀh − Σₖ ζ(cₖ + W₂ₖ·h), and p(v | h) = Πᵢ σ(aᵢ)^{vᵢ}(1 − σ(aᵢ))^{1−vᵢ},
    /// aᵢ = b₁ᵢ + Σⱼ W₁ⱼᵢhⱼ.
    /// </summary>
    private static double[] ExactMarginal(BernoulliRbm bottom, BernoulliRbm top)
    {
        var (w1, b1) = (bottom.Weight.ToArray<double>(), bottom.VisibleBias.ToArray<double>());
        var (w2, b2, c2) = (top.Weight.ToArray<double>(), top.VisibleBias.ToArray<double>(), top.HiddenBias.ToArray<double>());
        var topWeights = new double[8];
        for (int h = 0; h < 8; h++)
        {
            double minusF = 0;
            for (int j = 0; j < 3; j++) if (Bit(h, j)) minusF += b2[j];
            for (int k = 0; k < 2; k++)
            {
                double a = c2[k];
                for (int j = 0; j < 3; j++) if (Bit(h, j)) a += w2[k * 3 + j];
                minusF += Math.Log(1 + Math.Exp(a));
            }
            topWeights[h] = Math.Exp(minusF);
        }
        double z = topWeights.Sum();
        var p = new double[8];
        for (int v = 0; v < 8; v++)
            for (int h = 0; h < 8; h++)
            {
                double pv = topWeights[h] / z;
                for (int i = 0; i < 3; i++)
                {
                    double a = b1[i];
                    for (int j = 0; j < 3; j++) if (Bit(h, j)) a += w1[j * 3 + i];
                    pv *= Bit(v, i) ? Sigmoid(a) : 1 - Sigmoid(a);
                }
                p[v] += pv;
            }
        return p;
    }

    [Fact]
    public void AncestralSamplesFollowTheExactMarginal()
    {
        var dbn = new DeepBeliefNetwork(RandomRbm(3, 3, 21), RandomRbm(3, 2, 22));
        var exact = ExactMarginal(dbn.Layers[0], dbn.Layers[1]);
        const int n = 20000;
        var samples = dbn.Sample(n, gibbsSteps: 20, new Generator(23)).ToArray<double>();
        var counts = new double[8];
        for (int r = 0; r < n; r++) counts[(int)(samples[3 * r] + 2 * samples[3 * r + 1] + 4 * samples[3 * r + 2])]++;
        for (int v = 0; v < 8; v++)
        {
            double sd = Math.Sqrt(exact[v] * (1 - exact[v]) / n);
            Assert.True(Math.Abs(counts[v] / n - exact[v]) < 4 * sd, $"state {v}: frequency {counts[v] / n:F4}, exact {exact[v]:F4} (4 sd = {4 * sd:F4})");
        }
        // Far from uniform, or the test proves nothing.
        Assert.True(exact.Max() - exact.Min() > 0.1);
    }

    [Fact]
    public void TheFeedForwardNetworkIsTheUpwardPass()
    {
        var dbn = new DeepBeliefNetwork(RandomRbm(4, 3, 24), RandomRbm(3, 2, 25));
        var x = Tensor.Rand([5, 4], DType.Float64, new Generator(26));
        var w1 = dbn.Layers[0].Weight; var c1 = dbn.Layers[0].HiddenBias;
        var w2 = dbn.Layers[1].Weight; var c2 = dbn.Layers[1].HiddenBias;
        var byHand = (((x.MatMul(w1.T) + c1).Sigmoid()).MatMul(w2.T) + c2).Sigmoid().ToArray<double>();
        Close.All(byHand, dbn.Up(x).ToArray<double>(), 1e-14);
        Close.All(byHand, dbn.ToFeedForward().Forward(x).ToArray<double>(), 1e-14);
        Assert.Equal(4, dbn.ToFeedForward().Parameters().Count()); // copies: two Linears, Sigmoids have none
    }

    [Fact]
    public void GreedyTrainingLearnsTwoPrototypes()
    {
        // 8-bit patterns 11110000 and 00001111 with 5 % of bits flipped; after greedy training most samples lie within
        // one bit of a prototype (18 of the 256 states, 7 % under a uniform model).
        var g = new Generator(27);
        var prototypes = Tensor.From(new double[,] { { 1, 1, 1, 1, 0, 0, 0, 0 }, { 0, 0, 0, 0, 1, 1, 1, 1 } });
        var which = Tensor.Rand([200], DType.Float64, g).Lt(0.5).To(DType.Int64);
        var flips = Tensor.Rand([200, 8], DType.Float64, g).Lt(0.05).Double();
        var data = (prototypes.IndexSelect(0, which) - flips).Abs();
        var dbn = DeepBeliefNetwork.Pretrain(data, [8, 4], epochs: 30, generator: new Generator(28));
        Assert.Equal([8, 8, 4], new[] { dbn.VisibleSize, dbn.Layers[0].HiddenSize, dbn.Layers[1].HiddenSize });
        double NearPrototype(DeepBeliefNetwork model)
        {
            var s = model.Sample(500, gibbsSteps: 100, new Generator(29));
            var distance = (s.Unsqueeze(1) - prototypes.Unsqueeze(0)).Abs().Sum(2).Min(1).Values;
            return distance.Le(1).Double().Mean().Item();
        }
        double trained = NearPrototype(dbn);
        Assert.True(trained > 0.7, $"only {trained:P0} of the samples are within one bit of a prototype");
    }

    [Fact]
    public void MismatchedLayersAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new DeepBeliefNetwork(RandomRbm(4, 3, 1), RandomRbm(5, 2, 2)));
        Assert.Contains("DeepBeliefNetwork", error.Message);
        Assert.Contains("5 visible", error.Message);
    }
}
