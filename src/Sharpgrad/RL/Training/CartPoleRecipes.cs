namespace Sharpgrad.RL;

/// <summary>
/// The settings with which each agent solves CartPole-v1 (mean return ≥ 475 over 100 consecutive episodes) within
/// the budgets recorded in docs/design.md, and which <c>sharpgrad rl train</c> uses.
/// </summary>
public static class CartPoleRecipes
{
    /// <summary>A CartPole-v1 maker for the agents.</summary>
    public static IEnvironment<double[], int> Environment() => new CartPole();

    /// <summary>REINFORCE with Buduma's network, optimiser, γ and update interval.</summary>
    public static ReinforceOptions Reinforce(long seed, Baseline baseline = Baseline.LearnedValue) => new()
    {
        Seed = seed,
        Baseline = baseline,
    };

    public static A2COptions A2C(long seed) => new() { Seed = seed };

    public static DqnOptions Dqn(long seed, bool doubleDqn = false, bool dueling = false) => new()
    {
        Seed = seed,
        Double = doubleDqn,
        Dueling = dueling,
    };
}
