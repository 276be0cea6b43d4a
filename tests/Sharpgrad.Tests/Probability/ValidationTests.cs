using Sharpgrad.Probability;
using static Sharpgrad.Tests.Probability.Stats;

namespace Sharpgrad.Tests.Probability;

/// <summary>Bad parameters and values fail at once, naming the distribution, the argument and the offending value.</summary>
public class ValidationTests
{
    private static void Fails<TException>(Action build, string message) where TException : Exception =>
        Assert.Contains(message, Assert.Throws<TException>(build).Message);

    private static void Fails(Action build, string message) => Fails<ArgumentException>(build, message);

    [Fact]
    public void ParametersAreChecked()
    {
        Fails(() => new Normal(0, -1), "Normal: scale must be positive, got -1.");
        Fails(() => new Normal(F64(0, 0, 0), F64(1, -2, -3)), "Normal: scale must be positive, got -2.");
        Fails(() => new Normal(double.NaN, 1), "Normal: loc must be real (not NaN), got NaN.");
        Fails(() => new Laplace(0, 0), "Laplace: scale must be positive, got 0.");
        Fails(() => new Exponential(-0.5), "Exponential: rate must be positive, got -0.5.");
        Fails(() => new Gamma(0, 1), "Gamma: concentration must be positive, got 0.");
        Fails(() => new Beta(1, -2), "Beta: concentration0 must be positive, got -2.");
        Fails(() => new Dirichlet([1, 0, 2]), "Dirichlet: concentration must be positive, got 0.");
        Fails(() => new StudentT(-1), "StudentT: df must be positive, got -1.");
        Fails(() => new Uniform(2, 1), "Uniform: low must be less than high, got low = 2 and high = 1.");
        Fails(() => new Bernoulli(probs: 1.5), "Bernoulli: probs must be in [0, 1], got 1.5.");
    }

    [Fact]
    public void CategoricalProbsMustBeAProbabilityVector()
    {
        Fails(() => new Categorical(probs: F64(0.5, 0.6)), "Categorical: probs must be non-negative and sum to 1 along the last dim, got [0.5, 0.6].");
        Fails(() => new Categorical(probs: Tensor.From(new[,] { { 0.5, 0.5 }, { -0.1, 1.1 } })), "got [-0.1, 1.1].");
        Fails(() => new Categorical(probs: Tensor.Scalar(1.0, DType.Float64)), "Categorical: probs must have at least one dim");
        // Float32 rounding within √ε is tolerated and normalised away.
        var softmax = Tensor.Randn([1000], DType.Float32, new Generator(0)).Softmax(0);
        Assert.Equal(1, new Categorical(probs: softmax).Probs.Sum().Item(), 6);
    }

    [Fact]
    public void ExactlyOneOfProbsOrLogits()
    {
        Fails(() => new Bernoulli(probs: F64(0.5), logits: F64(0)), "Bernoulli: pass exactly one of probs or logits.");
        Fails(() => new Categorical(), "Categorical: pass exactly one of probs or logits.");
    }

    [Fact]
    public void ParameterShapesMustBroadcast() =>
        Fails(() => new Normal(F64(0, 1), F64(1, 2, 3)), "Normal: shapes [2] and [3] cannot be broadcast together");

    [Fact]
    public void LogProbChecksTheSupport()
    {
        Fails(() => new Exponential(1).LogProb(Tensor.Scalar(-1)), "Exponential.LogProb: value must be non-negative, got -1.");
        Fails(() => new Uniform(0, 1).LogProb(Tensor.Scalar(1)), "Uniform.LogProb: value must be in [low, high), got 1.");
        Fails(() => new Beta(2, 2).LogProb(Tensor.Scalar(1.2)), "Beta.LogProb: value must be in [0, 1], got 1.2.");
        Fails(() => new Bernoulli(probs: 0.5).LogProb(Tensor.Scalar(0.5)), "Bernoulli.LogProb: value must be 0 or 1, got 0.5.");
        Fails(() => new Categorical(probs: F64(0.5, 0.25, 0.25)).LogProb(Tensor.From(new long[] { 0, 3 })),
            "Categorical.LogProb: value must be an integer in [0, 2], got 3.");
        Fails(() => new Categorical(probs: F64(0.5, 0.5)).LogProb(Tensor.Scalar(0.5)), "value must be an integer in [0, 1], got 0.5.");
        Fails(() => new Dirichlet([1.0, 1, 1]).LogProb(Tensor.From(new float[] { 0.5f, 0.4f, 0.4f })),
            "Dirichlet.LogProb: value must be non-negative and sum to 1 along the last dim, got [0.5, 0.4, 0.4].");
    }

    [Fact]
    public void LogProbChecksTheShape()
    {
        Fails(() => new Dirichlet([1.0, 1, 1]).LogProb(Tensor.From(new[] { 0.5, 0.5 })),
            "Dirichlet.LogProb: value of shape [2] must end in the event shape [3].");
        Fails(() => new Normal(F64(0, 1), F64(1, 1)).LogProb(Tensor.Zeros(3)),
            "Normal.LogProb: value of shape [3] does not broadcast with the batch shape [2].");
    }

    [Fact]
    public void CompositeDistributionsCheckTheirParts()
    {
        Fails(() => new MixtureSameFamily(new Categorical(probs: F64(0.5, 0.5)), new Normal(F64(0, 1, 2), F64(1, 1, 1))),
            "MixtureSameFamily: the mixture has 2 components, so the component distribution's batch shape must end in 2, got [3].");
        Fails(() => new Dirac(F64(1, 2), eventDims: 2), "Dirac: eventDims must be in [0, 1]");
        Fails(() => new Empirical(Tensor.Zeros([0, 2])), "Empirical: samples must have a first dim holding at least one observation");
    }

    [Fact]
    public void SamplersCheckTheirArguments()
    {
        Fails<ArgumentOutOfRangeException>(() => MonteCarlo.Estimate(x => x, new Normal(0, 1), 1), "MonteCarlo.Estimate: need at least 2 samples");
        Fails<ArgumentOutOfRangeException>(() => new MetropolisHastings(x => -x.Square().Sum(), stepSize: 0), "GaussianRandomWalk: scale must be positive");
        Fails(() => new MetropolisHastings(x => -x.Square()).Run(Tensor.Zeros([2], DType.Float64), 10),
            "MetropolisHastings: logDensity must return a single value, got shape [2]");
        Fails(() => new MetropolisHastings(x => x.Log().Sum()).Run(Tensor.Scalar(0.0, DType.Float64), 10),
            "MetropolisHastings: the initial state has log-density -Infinity");
        Fails<ArgumentOutOfRangeException>(() => new HamiltonianMonteCarlo(x => -x.Square().Sum(), 0.1, 0), "HamiltonianMonteCarlo: leapfrogSteps must be at least 1");
        Fails(() => new HamiltonianMonteCarlo(x => -x.Square().Sum(), 0.1, 5).Run(Tensor.Zeros([2], DType.Int64), 10),
            "HamiltonianMonteCarlo: the state must be a float tensor, got int64.");
        var gibbs = new Gibbs((s, g) => Tensor.Zeros([2], DType.Float64));
        Fails(() => gibbs.Run([Tensor.Zeros([2], DType.Float64), Tensor.Zeros([2], DType.Float64)], 5), "Gibbs: got 2 initial blocks for 1 conditional samplers.");
        Fails(() => gibbs.Run([Tensor.Zeros([3], DType.Float64)], 5), "Gibbs: conditional 0 returned shape [2] for a block of shape [3].");
    }
}
