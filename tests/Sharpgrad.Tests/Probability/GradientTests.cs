using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>Float64 GradCheck of LogProb (and Entropy) w.r.t. every parameter: these are the training losses of maximum likelihood.</summary>
public class GradientTests
{
    [Fact]
    public void Normal() =>
        GradCheck.Assert(t => new Normal(t[0], t[1]).LogProb(F64(-1, 0.3, 2.5)), F64(0.2, -0.5, 1).RequireGrad(), F64(0.7, 1.4, 2).RequireGrad());

    [Fact]
    public void Laplace() => // values away from the kink at x = μ
        GradCheck.Assert(t => new Laplace(t[0], t[1]).LogProb(F64(-1, 0.3, 2.5)), F64(0.2, -0.5, 1).RequireGrad(), F64(0.7, 1.4, 2).RequireGrad());

    [Fact]
    public void Gamma() =>
        GradCheck.Assert(t => new Gamma(t[0], t[1]).LogProb(F64(0.2, 1.5, 4)), F64(0.6, 1, 5.5).RequireGrad(), F64(1, 0.5, 3).RequireGrad());

    [Fact]
    public void Beta() => // concentration0 = 1 exercises the (β − 1)·log(1 − x) term at β − 1 = 0
        GradCheck.Assert(t => new Beta(t[0], t[1]).LogProb(F64(0.1, 0.5, 0.85)), F64(0.6, 2, 5.5).RequireGrad(), F64(1, 0.5, 3).RequireGrad());

    [Fact]
    public void CategoricalFromProbsAndLogits()
    {
        var labels = Tensor.From(new long[] { 2, 0, 1 });
        // Finite differences would step off the simplex, so the check goes through a normalisation.
        GradCheck.Assert(t => new Categorical(probs: t[0] / t[0].Sum()).LogProb(labels), F64(0.2, 0.5, 0.3).RequireGrad());
        GradCheck.Assert(t => new Categorical(logits: t[0]).LogProb(labels), F64(0.1, -1, 2).RequireGrad());
        GradCheck.Assert(t => new Categorical(logits: t[0]).Entropy(), F64(0.1, -1, 2).RequireGrad());
    }

    [Fact]
    public void Bernoulli()
    {
        GradCheck.Assert(t => new Bernoulli(probs: t[0]).LogProb(F64(1, 0, 1)), F64(0.2, 0.5, 0.9).RequireGrad());
        GradCheck.Assert(t => new Bernoulli(logits: t[0]).LogProb(F64(1, 0, 1)), F64(-3, 0.5, 8).RequireGrad());
        GradCheck.Assert(t => new Bernoulli(probs: t[0]).Entropy(), F64(0.2, 0.5, 0.9).RequireGrad());
    }

    [Fact]
    public void OtherFamilies()
    {
        GradCheck.Assert(t => new Exponential(t[0]).LogProb(F64(0.1, 2)), F64(0.5, 3).RequireGrad());
        GradCheck.Assert(t => new Uniform(t[0], t[1]).LogProb(F64(0.5, 1)), F64(-1, 0).RequireGrad(), F64(1, 4).RequireGrad());
        GradCheck.Assert(t => new Dirichlet(t[0]).LogProb(F64(0.2, 0.3, 0.5)), F64(0.7, 2, 3).RequireGrad());
        GradCheck.Assert(t => new StudentT(t[0], t[1], t[2]).LogProb(F64(-2, 0.5, 3)),
            F64(1.5, 4, 30).RequireGrad(), F64(0, 1, -1).RequireGrad(), F64(1, 0.5, 2).RequireGrad());
        GradCheck.Assert(t => new MixtureSameFamily(new Categorical(logits: t[0]), new Normal(t[1], F64(0.5, 1))).LogProb(F64(-1, 0.4, 2)),
            F64(0.3, -0.2).RequireGrad(), F64(-1, 1).RequireGrad());
    }

    [Fact]
    public void Entropies()
    {
        GradCheck.Assert(t => new Gamma(t[0], t[1]).Entropy(), F64(0.6, 4).RequireGrad(), F64(1, 0.5).RequireGrad());
        GradCheck.Assert(t => new Beta(t[0], t[1]).Entropy(), F64(0.6, 4).RequireGrad(), F64(1, 0.5).RequireGrad());
        GradCheck.Assert(t => new Dirichlet(t[0]).Entropy(), F64(0.6, 4, 2).RequireGrad());
        GradCheck.Assert(t => new StudentT(t[0]).Entropy(), F64(0.6, 4, 2).RequireGrad());
    }
}
