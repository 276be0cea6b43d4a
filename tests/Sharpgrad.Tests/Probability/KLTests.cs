using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>
/// Every closed-form KL against the Monte Carlo estimate E_p[log p(x) − log q(x)] (GBC eq. 3.50) within 4 standard
/// errors, KL(p ‖ p) = 0, and the infinite cases.
/// </summary>
public class KLTests
{
    public static TheoryData<string> Pairs => ["Bernoulli", "Categorical", "Normal", "Laplace", "Exponential", "Uniform", "Gamma", "Beta", "Dirichlet"];

    private static (Distribution P, Distribution Q) Pair(string family) => family switch
    {
        "Bernoulli" => (new Bernoulli(probs: F64(0.3, 0.8)), new Bernoulli(probs: F64(0.6, 0.1))),
        "Categorical" => (new Categorical(probs: Tensor.From(new[,] { { 0.2, 0.5, 0.3 }, { 0.1, 0.1, 0.8 } })),
                          new Categorical(probs: F64(0.4, 0.4, 0.2))),
        "Normal" => (new Normal(F64(0.5, -1), F64(1, 2)), new Normal(F64(1, 0), F64(2, 0.5))),
        "Laplace" => (new Laplace(F64(0, 1), F64(1, 0.5)), new Laplace(F64(0.5, -1), F64(2, 1))),
        "Exponential" => (new Exponential(F64(1, 3)), new Exponential(F64(2, 0.5))),
        "Uniform" => (new Uniform(F64(0, -1), F64(1, 1)), new Uniform(F64(-1, -1), F64(2, 3))),
        "Gamma" => (new Gamma(F64(2, 0.5), F64(1, 2)), new Gamma(F64(3, 1), F64(2, 1))),
        "Beta" => (new Beta(F64(2, 0.7), F64(3, 0.9)), new Beta(F64(1.5, 2), F64(1.5, 1))),
        _ => (new Dirichlet(Tensor.From(new double[,] { { 1, 2, 3 }, { 0.5, 0.5, 4 } })), new Dirichlet(F64(2, 2, 2))),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void ClosedFormMatchesMonteCarlo(string family)
    {
        var (p, q) = Pair(family);
        var kl = KL.Divergence(p, q);
        Assert.Equal([2], kl.Shape);
        var estimate = MonteCarlo.Estimate(x => p.LogProb(x) - q.LogProb(x), p, 20_000, new Generator(3));
        Agrees(estimate, kl, $"KL({family} ‖ {family})");
        Assert.True(kl.Ge(0).All(), $"KL must be non-negative, got {kl}");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void DivergenceFromItselfIsZero(string family)
    {
        var (p, q) = Pair(family);
        foreach (var d in new[] { p, q })
        {
            var self = KL.Divergence(d, d);
            Assert.Equal(d.BatchShape, self.Shape);
            AllClose(new double[self.Count], self, 1e-12);
        }
    }

    [Fact]
    public void KLIsNotSymmetric()
    {
        var (p, q) = Pair("Normal");
        Assert.False(KL.Divergence(p, q).AllClose(KL.Divergence(q, p)));
    }

    [Fact]
    public void InfiniteWhenPPutsMassWhereQHasNone()
    {
        Assert.Equal(double.PositiveInfinity, KL.Divergence(new Uniform(F64(-1), F64(2)), new Uniform(F64(0), F64(1))).Item());
        Assert.Equal(double.PositiveInfinity, KL.Divergence(new Bernoulli(probs: F64(0.5)), new Bernoulli(probs: F64(0))).Item());
        Assert.Equal(double.PositiveInfinity, KL.Divergence(new Categorical(probs: F64(0.5, 0.5)), new Categorical(probs: F64(1, 0))).Item());
    }

    [Fact]
    public void ZeroProbabilityTermsContributeNothing()
    {
        // 0·log 0 = 0 (GBC §3.13): only the terms where p has mass count.
        Close(Math.Log(2), KL.Divergence(new Bernoulli(probs: F64(0)), new Bernoulli(probs: F64(0.5))).Item(), 1e-12);
        Close(Math.Log(2), KL.Divergence(new Categorical(probs: F64(0.5, 0.5, 0)), new Categorical(probs: F64(0.25, 0.25, 0.5))).Item(), 1e-12);
    }

    [Fact]
    public void BatchShapesBroadcast()
    {
        var p = new Normal(Tensor.Zeros([3, 1], DType.Float64), Tensor.Ones([3, 1], DType.Float64));
        var q = new Normal(F64(0, 1), F64(1, 1));
        Assert.Equal(new[] { 3, 2 }, KL.Divergence(p, q).Shape);
    }

    [Fact]
    public void UnsupportedPairsFailClearly()
    {
        var e = Assert.Throws<NotSupportedException>(() => KL.Divergence(new Normal(0, 1), new Laplace(0, 1)));
        Assert.Contains("KL(Normal ‖ Laplace)", e.Message);
        Assert.Contains("KL.Register", e.Message);
    }

    [Fact]
    public void RegisteredRulesAreUsed()
    {
        // Exponential(λ) is Gamma(1, λ), so the Gamma–Gamma form gives KL(Exponential ‖ Gamma).
        KL.Register<Exponential, Gamma>((p, q) => KL.Divergence(new Gamma(Tensor.OnesLike(p.Rate), p.Rate), q));
        var exponential = new Exponential(F64(1.5));
        var gamma = new Gamma(F64(2), F64(3));
        var estimate = MonteCarlo.Estimate(x => exponential.LogProb(x) - gamma.LogProb(x), exponential, 20_000, new Generator(4));
        Agrees(estimate, KL.Divergence(exponential, gamma), "KL(Exponential ‖ Gamma)");
    }

    [Fact]
    public void ClosedFormsAreDifferentiable()
    {
        // KL terms are training losses (the VAE's KL to the prior), so their gradients must be right.
        var a = F64(0.3, -1).RequireGrad();
        var b = F64(0.8, 1.7).RequireGrad();
        GradCheck.Assert(t => KL.Divergence(new Normal(t[0], t[1]), new Normal(F64(0), F64(1))), a, b);
        GradCheck.Assert(t => KL.Divergence(new Gamma(t[1], F64(2)), new Gamma(F64(1.5), t[1] * 0.5 + 1)), a, b);
        GradCheck.Assert(t => KL.Divergence(new Dirichlet(t[0].Exp()), new Dirichlet(t[1])), a, b);
    }
}
