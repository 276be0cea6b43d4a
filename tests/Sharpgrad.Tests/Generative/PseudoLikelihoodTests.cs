using Sharpgrad.Generative;
using Sharpgrad.Optim;

namespace Sharpgrad.Tests.Generative;

/// <summary>Pseudo-likelihood (GBC §18.3) against conditionals from the enumerated joint, and as an estimator on a tiny RBM.</summary>
public class PseudoLikelihoodTests
{
    private static bool Bit(int state, int i) => ((state >> i) & 1) == 1;

    private static BernoulliRbm RandomRbm(int visible, int hidden, int seed, double scale)
    {
        var rbm = new BernoulliRbm(visible, hidden, DType.Float64);
        var g = new Generator(seed);
        using (Autograd.NoGrad())
            foreach (var p in rbm.Parameters()) p.CopyFrom(Tensor.Randn(p.Shape, DType.Float64, g) * scale);
        return rbm;
    }

    [Fact]
    public void MatchesTheConditionalsOfTheEnumeratedJoint()
    {
        const int visible = 6, hidden = 4;
        var rbm = RandomRbm(visible, hidden, 41, 1.0);
        var (w, b, c) = (rbm.Weight.ToArray<double>(), rbm.VisibleBias.ToArray<double>(), rbm.HiddenBias.ToArray<double>());
        // Unnormalised p(v) = Σ_h e^{−E(v, h)}, E = −bᵀv − cᵀh − hᵀWv (GBC eq. 20.4), over all 2⁶ × 2⁴ states.
        var unnormalised = new double[1 << visible];
        for (int v = 0; v < unnormalised.Length; v++)
            for (int h = 0; h < 1 << hidden; h++)
            {
                double minusEnergy = 0;
                for (int i = 0; i < visible; i++) if (Bit(v, i)) minusEnergy += b[i];
                for (int j = 0; j < hidden; j++)
                {
                    if (!Bit(h, j)) continue;
                    minusEnergy += c[j];
                    for (int i = 0; i < visible; i++) if (Bit(v, i)) minusEnergy += w[j * visible + i];
                }
                unnormalised[v] += Math.Exp(minusEnergy);
            }
        int[] states = [0, 5, 22, 63];
        var rows = Tensor.From(states.SelectMany(s => Enumerable.Range(0, visible).Select(i => Bit(s, i) ? 1.0 : 0.0)).ToArray()).Reshape(states.Length, visible);
        var actual = PseudoLikelihood.LogPseudoLikelihood(rbm, rows).ToArray<double>();
        for (int k = 0; k < states.Length; k++)
        {
            double expected = Enumerable.Range(0, visible).Sum(i =>
                Math.Log(unnormalised[states[k]] / (unnormalised[states[k]] + unnormalised[states[k] ^ (1 << i)])));
            Assert.Equal(expected, actual[k], 11);
        }
    }

    [Fact]
    public void MaximisingItNearlyMaximisesTheExactLikelihood()
    {
        // 300 samples of a 6-3 "teacher" RBM; students from the same start fitted by exact maximum likelihood (log Z by
        // enumeration) and by maximum pseudo-likelihood reach nearly the same exact log-likelihood on the data.
        var teacher = RandomRbm(6, 3, 42, 1.5);
        var data = teacher.Gibbs(teacher.RandomVisible(300, new Generator(43)), 200, new Generator(44));
        double Fit(Func<BernoulliRbm, Tensor> loss)
        {
            var student = new BernoulliRbm(6, 3, DType.Float64, new Generator(45));
            var opt = new Adam(student.Parameters(), lr: 0.1);
            for (int step = 0; step < 150; step++)
            {
                var value = loss(student);
                opt.ZeroGrad();
                value.Backward();
                opt.Step();
            }
            return ExactPartitionFunction.LogLikelihood(student, data).Item();
        }
        double initial = ExactPartitionFunction.LogLikelihood(new BernoulliRbm(6, 3, DType.Float64, new Generator(45)), data).Item();
        double maximumLikelihood = Fit(s => -ExactPartitionFunction.LogLikelihood(s, data));
        double pseudo = Fit(s => -PseudoLikelihood.LogPseudoLikelihood(s, data).Mean());
        Assert.True(maximumLikelihood - initial > 0.3, $"exact ML went from {initial:F4} to only {maximumLikelihood:F4} nats");
        Assert.True(Math.Abs(maximumLikelihood - pseudo) < 0.1, $"exact log-likelihood {maximumLikelihood:F4} by ML, {pseudo:F4} by pseudo-likelihood (start {initial:F4})");
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => PseudoLikelihood.LogPseudoLikelihood(new BernoulliRbm(4, 2), Tensor.Zeros([3, 5])));
        Assert.Contains("PseudoLikelihood", error.Message);
        Assert.Contains("[3, 5]", error.Message);
    }
}
