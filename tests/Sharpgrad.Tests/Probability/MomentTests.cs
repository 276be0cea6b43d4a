using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>
/// Sample means and variances of 20,000 draws agree with each distribution's Mean and Variance within 4 standard
/// errors (the Monte Carlo error of GBC §17.1), for batches of parameters that exercise every sampler branch.
/// </summary>
public class MomentTests
{
    [Fact] public void Normal() => MomentsMatch(new Normal(F64(0, 2, -1), F64(1, 0.5, 3)));

    [Fact] public void Laplace() => MomentsMatch(new Laplace(F64(0, 1), F64(1, 2)));

    [Fact] public void Exponential() => MomentsMatch(new Exponential(F64(0.5, 3)));

    [Fact] public void Uniform() => MomentsMatch(new Uniform(F64(-1, 2), F64(1, 5)));

    // α < 1 uses Marsaglia–Tsang's boost, α ≥ 1 the main rejection sampler.
    [Fact] public void Gamma() => MomentsMatch(new Gamma(F64(0.3, 1, 4.5), F64(1, 2, 0.5)));

    [Fact] public void Beta() => MomentsMatch(new Beta(F64(0.5, 2, 5), F64(0.5, 3, 1)));

    [Fact] public void Dirichlet() => MomentsMatch(new Dirichlet(Tensor.From(new double[,] { { 0.5, 1, 2 }, { 3, 3, 3 } })));

    // ν > 8 so that the variance's own standard error (an eighth moment) is finite.
    [Fact] public void StudentT() => MomentsMatch(new StudentT(F64(9, 12), F64(0, 1), F64(1, 2)));

    [Fact] public void Bernoulli() => MomentsMatch(new Bernoulli(probs: F64(0.1, 0.5, 0.9)));

    [Fact] public void BernoulliFromLogits() => MomentsMatch(new Bernoulli(logits: F64(-2, 0, 3)));

    [Fact]
    public void GaussianMixture() => MomentsMatch(new MixtureSameFamily(
        new Categorical(probs: F64(0.3, 0.7)), new Normal(F64(-2, 1), F64(0.5, 1))));

    [Fact]
    public void BatchedMixtureOfTwoDimensionalDirichlets()
    {
        // batch [2], 3 components each, events of shape [2]
        var weights = Tensor.From(new double[,] { { 0.2, 0.3, 0.5 }, { 0.6, 0.2, 0.2 } });
        var alpha = Tensor.FromArray(new double[] { 1, 2, 3, 1, 0.5, 0.5, 2, 2, 4, 1, 1, 3 }, 2, 3, 2);
        MomentsMatch(new MixtureSameFamily(new Categorical(probs: weights), new Dirichlet(alpha)));
    }

    [Fact] public void Empirical() => MomentsMatch(new Empirical(Tensor.Randn([40, 2], DType.Float64, new Generator(5))));

    [Fact]
    public void DiracAlwaysReturnsItsPoint()
    {
        var d = new Dirac(F64(1.5, -2), eventDims: 1);
        MomentsMatch(d);
        Assert.Equal(new[] { 1.5, -2, 1.5, -2 }, d.Sample([2]).ToDoubleArray());
    }

    [Fact]
    public void CategoricalFrequenciesMatchProbs()
    {
        // Labels are names, not numbers (Mean is NaN, as PyTorch), so compare each label's frequency with its probability.
        var probs = Tensor.From(new double[,] { { 0.2, 0.5, 0.3, 0 }, { 0.05, 0.05, 0.1, 0.8 } });
        var labels = new Categorical(probs: probs).Sample([20_000], new Generator(1));
        Assert.Equal(DType.Int64, labels.DType);
        Assert.Equal(new[] { 20_000, 2 }, labels.Shape);
        var indicators = Tensor.OneHot(labels, 4, DType.Float64); // [n, 2, 4]
        WithinStandardErrors(indicators, probs, "Categorical frequency");
        Assert.False(labels.Select(1, 0).Eq(3).Any(), "a zero-probability label was drawn");
    }

    [Fact]
    public void SamplesHaveSampleBatchEventShape()
    {
        var d = new Dirichlet(Tensor.Ones([4, 3], DType.Float64));
        Assert.Equal(new[] { 4 }, d.BatchShape);
        Assert.Equal(new[] { 3 }, d.EventShape);
        Assert.Equal(new[] { 5, 2, 4, 3 }, d.Sample([5, 2]).Shape);
        Assert.Equal(new[] { 4, 3 }, d.Sample().Shape);
        Assert.Equal(new[] { 5, 2, 4 }, d.LogProb(d.Sample([5, 2])).Shape);
        var normal = new Normal(Tensor.Zeros([3], DType.Float64), Tensor.Ones([2, 1], DType.Float64)); // broadcast to [2, 3]
        Assert.Equal(new[] { 2, 3 }, normal.BatchShape);
        Assert.Equal(new[] { 7, 2, 3 }, normal.Sample([7]).Shape);
    }

    [Fact]
    public void SamplingIsDeterministicForASeed()
    {
        var d = new Gamma(F64(0.7, 2), F64(1, 1));
        Assert.Equal(d.Sample([100], new Generator(42)).ToDoubleArray(), d.Sample([100], new Generator(42)).ToDoubleArray());
        Assert.NotEqual(d.Sample([100], new Generator(42)).ToDoubleArray(), d.Sample([100], new Generator(43)).ToDoubleArray());
    }

    [Fact]
    public void SamplesKeepTheParametersDType()
    {
        Assert.Equal(DType.Float32, new Normal(0, 1).Sample([3]).DType);
        Assert.Equal(DType.Float64, new Beta(F64(2), F64(3)).Sample([3]).DType);
        Assert.Equal(DType.Float32, new Bernoulli(probs: 0.5).Sample([3]).DType);
    }
}
