using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>Entropies against their closed forms (GBC §3.13), and against −E[log p(x)] by Monte Carlo.</summary>
public class EntropyTests
{
    private const double EulerGamma = 0.57721566490153286061;

    private static void Is(double expected, Distribution d, double tol = 1e-12) => Close(expected, d.Entropy().Item(), tol, d.GetType().Name);

    [Fact]
    public void ClosedForms()
    {
        Is(0.5 * Math.Log(2 * Math.PI * Math.E * 4), new Normal(F64(3), F64(2)));
        Is(1 + Math.Log(3), new Laplace(F64(-1), F64(1.5)));
        Is(1 - Math.Log(2), new Exponential(F64(2)));
        Is(Math.Log(4), new Uniform(F64(-1), F64(3)));
        Is(1 - Math.Log(2), new Gamma(F64(1), F64(2)));            // Gamma(1, β) is Exponential(β)
        Is(1 + EulerGamma, new Gamma(F64(2), F64(1)));             // 2 − 0 + log Γ(2) − ψ(2), ψ(2) = 1 − γ
        Is(0, new Beta(F64(1), F64(1)));                           // the uniform density on [0, 1]
        Is(5.0 / 3 - Math.Log(6), new Beta(F64(2), F64(2)));       // log(1/6) − 2ψ(2) + 2ψ(4)
        Is(-Math.Log(2), new Dirichlet(F64(1, 1, 1)));             // uniform on the 2-simplex, density Γ(3) = 2
        Is(Math.Log(4 * Math.PI * 0.5), new StudentT(F64(1), F64(0), F64(0.5))); // Cauchy: log 4πσ
        Is(1.5 * Math.Log(2), new Empirical(F64(1, 2, 2, 5)));    // masses ¼, ½, ¼
        Is(0, new Dirac(F64(1.5)));
    }

    [Fact]
    public void StudentTTendsToTheNormal() =>
        Close(0.5 * Math.Log(2 * Math.PI * Math.E * 9), new StudentT(F64(1e7), F64(0), F64(3)).Entropy().Item(), 1e-6);

    [Fact]
    public void BernoulliEntropyIsMaximalAtOneHalfWithValueLog2()
    {
        // BOOKS §1: maximal at p = 0.5, where it equals log 2; 0 · log 0 = 0 makes certain outcomes exactly 0.
        var p = Tensor.Linspace(0, 1, 101, DType.Float64);
        var h = new Bernoulli(probs: p).Entropy().ToDoubleArray();
        Assert.Equal(Math.Log(2), h[50], 15);
        Assert.Equal(50, Array.IndexOf(h, h.Max()));
        Assert.Equal(0, h[0]);
        Assert.Equal(0, h[100]);
        for (int i = 1; i < 100; i++) Close(-(i / 100.0) * Math.Log(i / 100.0) - (1 - i / 100.0) * Math.Log(1 - i / 100.0), h[i], 1e-12);
    }

    [Fact]
    public void CategoricalEntropyIsMaximalForTheUniformDistribution()
    {
        Close(Math.Log(4), new Categorical(probs: Tensor.Full([4], 0.25, DType.Float64)).Entropy().Item(), 1e-12);
        var random = new Categorical(logits: Tensor.Randn([200, 4], DType.Float64, new Generator(7))).Entropy();
        Assert.True(random.Max().Item() < Math.Log(4));
        // A certain outcome has entropy 0 (the clamped logits leave ~1e-16 in float64).
        Close(0, new Categorical(probs: F64(0, 1, 0)).Entropy().Item(), 1e-12);
        Close(-(0.5 * Math.Log(0.5) * 2), new Categorical(probs: F64(0.5, 0, 0.5)).Entropy().Item(), 1e-12);
    }

    public static TheoryData<string> Families => ["Normal", "Laplace", "Exponential", "Uniform", "Gamma", "Beta", "Dirichlet", "StudentT", "Bernoulli", "Categorical"];

    [Theory]
    [MemberData(nameof(Families))]
    public void EntropyIsMinusTheExpectedLogProb(string name)
    {
        Distribution d = name switch
        {
            "Normal" => new Normal(F64(0.5, -1), F64(0.3, 2)),
            "Laplace" => new Laplace(F64(0), F64(0.7)),
            "Exponential" => new Exponential(F64(0.4, 5)),
            "Uniform" => new Uniform(F64(-2), F64(0.5)),
            "Gamma" => new Gamma(F64(0.6, 3), F64(2, 0.5)),
            "Beta" => new Beta(F64(0.7, 4), F64(1.5, 2)),
            "Dirichlet" => new Dirichlet(F64(0.8, 2, 5)),
            "StudentT" => new StudentT(F64(4), F64(1), F64(2)),
            "Bernoulli" => new Bernoulli(probs: F64(0.2, 0.6)),
            _ => new Categorical(probs: F64(0.1, 0.6, 0.3)),
        };
        var estimate = MonteCarlo.Estimate(x => -d.LogProb(x), d, 20_000, new Generator(11));
        Assert.Equal(d.BatchShape, estimate.Mean.Shape);
        Agrees(estimate, d.Entropy(), name);
    }

    [Fact]
    public void MixtureEntropyHasNoClosedForm()
    {
        var d = new MixtureSameFamily(new Categorical(probs: F64(0.5, 0.5)), new Normal(F64(-1, 1), F64(1, 1)));
        var e = Assert.Throws<NotSupportedException>(() => d.Entropy());
        Assert.Contains("MixtureSameFamily.Entropy", e.Message);
        Assert.Contains("MonteCarlo", e.Message);
    }
}
