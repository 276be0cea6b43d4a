using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>LogProb against each density written out by hand in the test.</summary>
public class LogProbTests
{
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    private static void Check(Distribution d, double[] x, Func<double, double> expected) =>
        AllClose(x.Select(expected).ToArray(), d.LogProb(Tensor.FromArray(x)), 1e-12);

    [Fact]
    public void Normal() => Check(new Normal(F64(1.5), F64(2)), [-1, 1.5, 4, 10],
        x => -0.5 * Math.Pow((x - 1.5) / 2, 2) - Math.Log(2) - HalfLog2Pi);

    [Fact]
    public void Laplace() => Check(new Laplace(F64(0.5), F64(1.5)), [-2, 0.5, 3],
        x => -Math.Log(3) - Math.Abs(x - 0.5) / 1.5);

    [Fact]
    public void Exponential() => Check(new Exponential(F64(2)), [0, 0.3, 5], x => Math.Log(2) - 2 * x);

    [Fact]
    public void Uniform() => Check(new Uniform(F64(-1), F64(3)), [-1, 0, 2.9], _ => -Math.Log(4));

    [Fact]
    public void Gamma()
    {
        // Γ(3) = 2: p(x) = 2³ x² e^(−2x) / 2
        Check(new Gamma(F64(3), F64(2)), [0.5, 1, 4], x => 3 * Math.Log(2) + 2 * Math.Log(x) - 2 * x - Math.Log(2));
        // Γ(5/2) = (3/4)√π
        Check(new Gamma(F64(2.5), F64(1)), [0.2, 2.5], x => 1.5 * Math.Log(x) - x - Math.Log(0.75 * Math.Sqrt(Math.PI)));
        // α = 1 at x = 0: the (α − 1) log x term is 0 · log 0 = 0, so log p(0) = log β.
        Check(new Gamma(F64(1), F64(3)), [0], _ => Math.Log(3));
    }

    [Fact]
    public void Beta()
    {
        // B(2, 3) = 1!·2!/4! = 1/12
        Check(new Beta(F64(2), F64(3)), [0.1, 0.5, 0.9], x => Math.Log(x) + 2 * Math.Log(1 - x) + Math.Log(12));
        // B(½, ½) = π: the arcsine density
        Check(new Beta(F64(0.5), F64(0.5)), [0.01, 0.5], x => -0.5 * Math.Log(x) - 0.5 * Math.Log(1 - x) - Math.Log(Math.PI));
    }

    [Fact]
    public void Dirichlet()
    {
        // B(1, 2, 3) = Γ(1)Γ(2)Γ(3)/Γ(6) = 2/120
        var d = new Dirichlet(F64(1, 2, 3));
        var x = Tensor.From(new double[,] { { 0.2, 0.3, 0.5 }, { 0.6, 0.1, 0.3 } });
        AllClose([Math.Log(0.3) + 2 * Math.Log(0.5) + Math.Log(60), Math.Log(0.1) + 2 * Math.Log(0.3) + Math.Log(60)], d.LogProb(x), 1e-12);
    }

    [Fact]
    public void StudentT()
    {
        // ν = 3, σ = 2: Γ(2)/(Γ(3/2)√(3π)·2) = 1/(π√3), times (1 + y²/3)^(−2)
        Check(new StudentT(F64(3), F64(1), F64(2)), [-3, 1, 2.5],
            x => -Math.Log(Math.PI * Math.Sqrt(3)) - 2 * Math.Log(1 + Math.Pow((x - 1) / 2, 2) / 3));
        // ν = 1 is the Cauchy distribution 1/(πσ(1 + y²))
        Check(new StudentT(F64(1), F64(0), F64(0.5)), [0, 2], x => -Math.Log(Math.PI * 0.5 * (1 + 4 * x * x)));
    }

    [Fact]
    public void Bernoulli()
    {
        Check(new Bernoulli(probs: F64(0.3)), [1, 0], x => x == 1 ? Math.Log(0.3) : Math.Log(0.7));
        double s(double z) => 1 / (1 + Math.Exp(-z));
        Check(new Bernoulli(logits: F64(0.8)), [1, 0], x => x == 1 ? Math.Log(s(0.8)) : Math.Log(s(-0.8)));
        // Extreme logits stay finite: log σ(−40) ≈ −40.
        Check(new Bernoulli(logits: F64(40)), [0], _ => -40 - Math.Log(1 + Math.Exp(-40)));
    }

    [Fact]
    public void Categorical()
    {
        var d = new Categorical(probs: F64(0.2, 0.5, 0.3));
        AllClose([Math.Log(0.3), Math.Log(0.2), Math.Log(0.5)], d.LogProb(Tensor.From(new long[] { 2, 0, 1 })), 1e-12);
        var fromLogits = new Categorical(logits: F64(1, 2, 3));
        double z = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        AllClose([1 - z, 3 - z], fromLogits.LogProb(Tensor.From(new long[] { 0, 2 })), 1e-12);
    }

    [Fact]
    public void CategoricalBroadcastsValuesAgainstTheBatch()
    {
        var d = new Categorical(probs: Tensor.From(new double[,] { { 0.1, 0.9 }, { 0.6, 0.4 } })); // batch [2]
        var values = Tensor.From(new long[,] { { 0, 1 }, { 1, 1 }, { 0, 0 } });               // [3, 2]
        AllClose([Math.Log(0.1), Math.Log(0.4), Math.Log(0.9), Math.Log(0.4), Math.Log(0.1), Math.Log(0.6)], d.LogProb(values), 1e-12);
        Assert.Equal(new[] { 3, 2 }, d.LogProb(values).Shape);
    }

    [Fact]
    public void GaussianMixture()
    {
        double N(double x, double m, double s) => Math.Exp(-0.5 * Math.Pow((x - m) / s, 2)) / (s * Math.Sqrt(2 * Math.PI));
        var d = new MixtureSameFamily(new Categorical(probs: F64(0.3, 0.7)), new Normal(F64(-2, 1), F64(0.5, 1)));
        Check(d, [-2, 0, 1.5, 8], x => Math.Log(0.3 * N(x, -2, 0.5) + 0.7 * N(x, 1, 1)));
    }

    [Fact]
    public void Empirical()
    {
        var d = new Empirical(F64(1, 2, 2, 5));
        Check(d, [1, 2, 5, 3], x => x switch { 1 or 5 => Math.Log(0.25), 2 => Math.Log(0.5), _ => double.NegativeInfinity });
    }

    [Fact]
    public void DiracIsZeroAtThePointAndMinusInfinityElsewhere()
    {
        var d = new Dirac(F64(1, 2), eventDims: 1);
        var values = Tensor.From(new double[,] { { 1, 2 }, { 1, 3 } });
        Assert.Equal(new[] { 0, double.NegativeInfinity }, d.LogProb(values).ToDoubleArray());
    }

    [Fact]
    public void ProbabilitiesOfADiscreteDistributionSumToOne()
    {
        var d = new Categorical(logits: Tensor.Randn([5], DType.Float64, new Generator(3)));
        Close(1, d.LogProb(Tensor.Arange(5)).Exp().Sum().Item(), 1e-12);
        var b = new Bernoulli(probs: F64(0.37));
        Close(1, b.LogProb(F64(0, 1)).Exp().Sum().Item(), 1e-12);
    }
}
