using Sharpgrad.Generative;

namespace Sharpgrad.Tests.Generative;

/// <summary>NADE (GBC §20.10.10): an exactly normalised density, conditionals as the paper writes them, exact samples.</summary>
public class NadeTests
{
    private static Nade RandomNade(int visible, int hidden, int seed)
    {
        var nade = new Nade(visible, hidden, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
            foreach (var p in nade.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g));
        return nade;
    }

    [Fact]
    public void ProbabilitiesOfAllBinaryVectorsSumToOne()
    {
        var nade = RandomNade(6, 3, 1);
        var all = ExactPartitionFunction.AllBinaryStates(6, DType.Float64);
        Assert.Equal(0, nade.LogLikelihood(all).LogSumExp(0).Item(), 12);
    }

    [Fact]
    public void TheSecondConditionalSeesTheFirstVariableThroughTheSharedWeights()
    {
        var nade = RandomNade(3, 2, 2);
        var w = nade.InputWeight.ToArray<double>();   // [2, 3]
        var v = nade.OutputWeight.ToArray<double>();  // [3, 2]
        var b = nade.VisibleBias.ToArray<double>();
        var c = nade.HiddenBias.ToArray<double>();
        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        // p(v₀ = 1) = σ(b₀ + V₀·σ(c)); p(v₁ = 1 | v₀ = 1) = σ(b₁ + V₁·σ(c + W:,₀))
        double p0 = Sigmoid(b[0] + v[0] * Sigmoid(c[0]) + v[1] * Sigmoid(c[1]));
        double p1 = Sigmoid(b[1] + v[2] * Sigmoid(c[0] + w[0]) + v[3] * Sigmoid(c[1] + w[3]));
        var logits = nade.ConditionalLogits(Tensor.From(new double[,] { { 1, 1, 0 } })).Sigmoid().ToArray<double>();
        Assert.Equal(p0, logits[0], 13);
        Assert.Equal(p1, logits[1], 13);
    }

    [Fact]
    public void AncestralSamplesFollowTheExactDistribution()
    {
        var nade = RandomNade(3, 2, 3);
        var exact = nade.LogLikelihood(ExactPartitionFunction.AllBinaryStates(3, DType.Float64)).Exp().ToArray<double>();
        var samples = nade.Sample(20000, new Generator(4)).ToArray<double>();
        var counts = new double[8];
        for (int n = 0; n < 20000; n++) counts[(int)(4 * samples[3 * n] + 2 * samples[3 * n + 1] + samples[3 * n + 2])]++;
        for (int k = 0; k < 8; k++)
        {
            double sd = Math.Sqrt(exact[k] * (1 - exact[k]) / 20000);
            Assert.True(Math.Abs(counts[k] / 20000 - exact[k]) < 4 * sd + 1e-4, $"state {k}: frequency {counts[k] / 20000:F4}, p = {exact[k]:F4}");
        }
    }

    [Fact]
    public void WrongWidthIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => new Nade(4, 2).LogLikelihood(Tensor.Zeros(2, 5)));
        Assert.Contains("Nade", error.Message);
        Assert.Contains("[2, 5]", error.Message);
    }
}
