using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

/// <summary>
/// The REINFORCE estimator on a two-armed bandit with a softmax policy over two logits θ, where everything has a closed
/// form: J(θ) = Σ_a π_a μ_a, so ∂J/∂θ_i = π_i (μ_i − J). The surrogate loss's gradient must average to −∇J whatever
/// the constant baseline, and the optimal constant baseline b* = E[R‖∇log π‖²]/E[‖∇log π‖²] is, since
/// ‖e₀ − π‖² = 2π₁² and ‖e₁ − π‖² = 2π₀², b* = (π₀·2π₁²·μ₀ + π₁·2π₀²·μ₁)/(π₀·2π₁² + π₁·2π₀²) = π₁μ₀ + π₀μ₁.
/// </summary>
public class PolicyGradientTests
{
    private static readonly double[] Means = [1.0, 3.0];
    private static readonly double[] Theta = [0.2, -0.3];
    private const int Batches = 400, BatchSize = 50;

    private static double[] Pi()
    {
        double e0 = Math.Exp(Theta[0]), e1 = Math.Exp(Theta[1]);
        return [e0 / (e0 + e1), e1 / (e0 + e1)];
    }

    private static double ExactGradient0()
    {
        var pi = Pi();
        double j = pi[0] * Means[0] + pi[1] * Means[1];
        return pi[0] * (Means[0] - j);
    }

    /// <summary>∂J/∂θ₀ estimated by each of <see cref="Batches"/> batches (minus the surrogate's gradient), with the given baseline.</summary>
    private static double[] Estimates(Func<long[], double[], double> baseline)
    {
        var bandit = new KArmedBandit(Means, rewardStdDev: 1.0);
        bandit.Reset(seed: 11);
        var generator = new Generator(12);
        var pi = Pi();
        var estimates = new double[Batches];
        for (int k = 0; k < Batches; k++)
        {
            var actions = new long[BatchSize];
            var rewards = new double[BatchSize];
            for (int t = 0; t < BatchSize; t++)
            {
                actions[t] = generator.NextDouble() < pi[0] ? 0 : 1;
                rewards[t] = bandit.Step((int)actions[t]).Reward;
            }
            double b = baseline(actions, rewards);
            var theta = Tensor.From(Theta).RequireGrad();
            var logits = theta.Unsqueeze(0).Expand(BatchSize, 2);
            PolicyGradient.SurrogateLoss(logits, Tensor.From(actions), Tensor.From([.. rewards.Select(r => r - b)])).Backward();
            estimates[k] = -theta.Grad!.ToArray<double>()[0];
        }
        return estimates;
    }

    private static double Variance(double[] x) => x.Select(v => (v - x.Average()) * (v - x.Average())).Average();

    [Fact]
    public void TheEstimatorIsUnbiasedWithoutABaseline()
    {
        var estimates = Estimates((_, _) => 0);
        // 20 000 samples; the standard error of the mean is √(Var/400) ≈ 0.01; allow 5 of them.
        double tolerance = 5 * Math.Sqrt(Variance(estimates) / Batches);
        Assert.InRange(estimates.Average(), ExactGradient0() - tolerance, ExactGradient0() + tolerance);
        Assert.InRange(ExactGradient0(), -0.48, -0.46); // π₀π₁(μ₀ − μ₁) = −2·0.6225·0.3775
    }

    [Fact]
    public void TheOptimalConstantBaselineKeepsTheMeanAndCutsTheVariance()
    {
        var pi = Pi();
        var plain = Estimates((_, _) => 0);
        var withBaseline = Estimates((actions, rewards) =>
        {
            var norms = PolicyGradient.OutputLayerSquaredScoreNorms([.. actions.SelectMany(_ => pi.Select(p => (float)p))], actions, null, 0);
            return PolicyGradient.OptimalConstantBaseline(rewards, norms);
        });
        double tolerance = 5 * Math.Sqrt(Variance(withBaseline) / Batches);
        Assert.InRange(withBaseline.Average(), ExactGradient0() - tolerance, ExactGradient0() + tolerance);
        Assert.True(Variance(withBaseline) < 0.5 * Variance(plain), $"variance with b* {Variance(withBaseline):F4}, without {Variance(plain):F4}");
    }

    [Fact]
    public void OptimalConstantBaselineMatchesItsClosedForm()
    {
        var pi = Pi();
        // Score norms from the closed form on each arm: ‖e₀ − π‖² = 2π₁², ‖e₁ − π‖² = 2π₀².
        var norms = PolicyGradient.OutputLayerSquaredScoreNorms([(float)pi[0], (float)pi[1], (float)pi[0], (float)pi[1]], [0, 1], null, 0);
        Assert.Equal(2 * pi[1] * pi[1], norms[0], 6);
        Assert.Equal(2 * pi[0] * pi[0], norms[1], 6);
        // The expectation over a ~ π: weight each arm's (R, ‖score‖²) by π_a, i.e. repeat them in proportion.
        double b = (pi[0] * norms[0] * Means[0] + pi[1] * norms[1] * Means[1]) / (pi[0] * norms[0] + pi[1] * norms[1]);
        Assert.Equal(pi[1] * Means[0] + pi[0] * Means[1], b, 6);
        // With features h the norm gains the factor ‖h‖² + 1: h = (1, 2) gives 6·2π₁².
        var withFeatures = PolicyGradient.OutputLayerSquaredScoreNorms([(float)pi[0], (float)pi[1]], [0], [1f, 2f], 2);
        Assert.Equal(6 * 2 * pi[1] * pi[1], withFeatures[0], 5);
        // The helper's weighted mean on hand numbers: returns (1, 4) with weights (3, 1): (3 + 4)/4.
        Assert.Equal(1.75, PolicyGradient.OptimalConstantBaseline([1.0, 4.0], [3.0, 1.0]));
    }

    [Fact]
    public void EntropyOfUniformAndCertainPolicies()
    {
        var h = PolicyGradient.Entropy(Tensor.From(new double[,] { { 0, 0 }, { 0, 100 } })).ToArray<double>();
        Assert.Equal(Math.Log(2), h[0], 12);
        Assert.Equal(0, h[1], 10);
    }

    [Fact]
    public void SurrogateLossRejectsMismatchedShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => PolicyGradient.SurrogateLoss(Tensor.Zeros(3, 2), Tensor.From(new long[] { 0, 1 }), Tensor.Zeros(3)));
        Assert.Contains("PolicyGradient.SurrogateLoss", e.Message);
        Assert.Contains("[3, 2], [2] and [3]", e.Message);
    }
}
