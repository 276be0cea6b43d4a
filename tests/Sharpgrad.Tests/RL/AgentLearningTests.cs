using Sharpgrad.RL;

namespace Sharpgrad.Tests.RL;

/// <summary>
/// Short seeded runs on CartPole that fail if learning is broken: a random policy lasts about 22 steps, so each agent
/// must at least double that within a budget of a few seconds. The settings are the recipes' with a larger step size
/// or a shorter exploration phase, so that learning shows within a couple of hundred episodes; the full solving runs
/// (mean ≥ 475 over 100 episodes, 3 of 5 seeds) are recorded in docs/design.md.
/// </summary>
public class AgentLearningTests
{
    private const double RandomPolicyReturn = 22;

    private static void AssertLearned(IAgent agent, int episodes, int last)
    {
        var result = RlTrainer.Train(agent, new RlTrainingOptions { Episodes = episodes });
        double first = result.Episodes.Take(last).Average(e => e.Return), final = result.Episodes.TakeLast(last).Average(e => e.Return);
        Assert.True(final > 2 * RandomPolicyReturn, $"{agent.Name}: mean return of the first {last} episodes {first:F1}, of the last {last} {final:F1}");
    }

    [Fact]
    public void ReinforceWithALearnedBaselineLearnsToBalance() =>
        AssertLearned(new ReinforceAgent(CartPoleRecipes.Environment, CartPoleRecipes.Reinforce(seed: 1) with { EpisodesPerUpdate = 1, LearningRate = 0.01 }), 200, 40);

    [Fact]
    public void A2CLearnsToBalance() =>
        AssertLearned(new A2CAgent(CartPoleRecipes.Environment, CartPoleRecipes.A2C(seed: 1) with { LearningRate = 3e-3 }), 240, 40);

    [Fact]
    public void DqnLearnsToBalance() =>
        AssertLearned(new DqnAgent(CartPoleRecipes.Environment, CartPoleRecipes.Dqn(seed: 1) with
        {
            Double = false, LearningRate = 1e-3, BatchSize = 32,
            LearningStarts = 200, TrainEvery = 1, TargetUpdateEvery = 100, ReplayCapacity = 10_000,
            Exploration = EpsilonSchedule.Linear(1.0, 0.05, 2000),
        }), 60, 20);
}
