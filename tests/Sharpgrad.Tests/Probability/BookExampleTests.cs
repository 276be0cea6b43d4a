using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>The undirected-model examples of BOOKS §8 (GBC §16.2).</summary>
public class BookExampleTests
{
    [Fact]
    public void CliquePotentialNormalisesToFourteen()
    {
        // GBC §16.2.2: φ(a, b) over {0 = sick, 1 = healthy}² is [[2, 1], [1, 10]]. Z = Σ φ = 14, so P(both healthy) = 10/14.
        var potential = Tensor.From(new double[,] { { 2, 1 }, { 1, 10 } });
        var logPotential = potential.Log().Reshape(4);
        Close(14, logPotential.LogSumExp(0).Exp().Item(), 1e-12, "Z");
        var joint = new Categorical(logits: logPotential);
        Close(10.0 / 14, joint.LogProb(Tensor.Scalar(3L, DType.Int64)).Exp().Item(), 1e-12, "P(a = 1, b = 1)");
        Close(11.0 / 14, joint.Probs.Reshape(2, 2)[1].Sum().Item(), 1e-12, "P(a = 1)");
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.3)]
    [InlineData(2.0)]
    public void TwoSpinEnergyModelConditionalIsSigmoidOfTwoW(double w)
    {
        // GBC §16.2.4: E(a, b) = −wab on {−1, 1}², p ∝ e^(−E). Enumerating the four states,
        // P(b = 1 | a = 1) = e^w / (e^w + e^(−w)) = σ(2w).
        var a = Tensor.FromArray(new[] { -1.0, -1, 1, 1 });
        var b = Tensor.FromArray(new[] { -1.0, 1, -1, 1 });
        var joint = new Categorical(logits: w * a * b).Probs.ToDoubleArray();
        Close(1 / (1 + Math.Exp(-2 * w)), joint[3] / (joint[2] + joint[3]), 1e-12, "P(b = 1 | a = 1)");
    }

    [Fact]
    public void GibbsSamplingTheTwoSpinModelMatchesTheEnumeration()
    {
        // Gibbs with the same conditionals P(b = 1 | a) = σ(2wa) (and symmetrically for a) visits (1, 1) with
        // probability e^w / (2e^w + 2e^(−w)).
        const double w = 0.8;
        Tensor Flip(Tensor other, Generator g) => new Bernoulli(probs: (2 * w * other).Sigmoid()).Sample(null, g) * 2 - 1;
        var chains = new Gibbs((s, g) => Flip(s[1], g), (s, g) => Flip(s[0], g))
            .Run([Tensor.Scalar(1.0, DType.Float64), Tensor.Scalar(1.0, DType.Float64)], 10_000, new Generator(0), burnIn: 100);
        var bothUp = (chains[0].Samples.Eq(1).Long() * chains[1].Samples.Eq(1).Long()).Double();
        double exact = Math.Exp(w) / (2 * Math.Exp(w) + 2 * Math.Exp(-w));
        // Batch means: successive Gibbs states are correlated.
        var batchMeans = bothUp.Reshape(20, 500).Mean(1);
        WithinStandardErrors(batchMeans, Tensor.Scalar(exact, DType.Float64), "P(a = 1, b = 1)");
    }
}
