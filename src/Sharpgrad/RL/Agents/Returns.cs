namespace Sharpgrad.RL;

/// <summary>The returns an agent learns from (Sutton &amp; Barto §3.3, §7.1; Buduma ch9's discounted rewards).</summary>
public static class Returns
{
    /// <summary>
    /// The discounted return from every step of one episode, G_t = r_t + γ·r_{t+1} + γ²·r_{t+2} + … = r_t + γ·G_{t+1},
    /// computed backwards in one pass. r_t is the reward of the t-th step (the reward for leaving s_t).
    /// </summary>
    public static double[] Discounted(IReadOnlyList<double> rewards, double gamma)
    {
        CheckGamma(gamma, "Returns.Discounted");
        var returns = new double[rewards.Count];
        double g = 0;
        for (int t = rewards.Count - 1; t >= 0; t--) returns[t] = g = rewards[t] + gamma * g;
        return returns;
    }

    /// <summary>
    /// n-step returns for a rollout of T steps of n copies (A2C, Mnih et al. 2016): G_t = r_t + γ·G_{t+1}, cut where a
    /// copy's episode ended (G_t = r_t there) and closed at the end by the critic's value of the last observation,
    /// G_T = V(s_T). <paramref name="rewards"/>[t][i] and <paramref name="ended"/>[t][i] belong to step t of copy i. A
    /// truncated episode should have γ·V(final observation) already added to its last reward, so it still bootstraps.
    /// </summary>
    public static double[][] NStep(double[][] rewards, bool[][] ended, double[] bootstrapValues, double gamma)
    {
        CheckGamma(gamma, "Returns.NStep");
        if (rewards.Length != ended.Length)
            throw new ArgumentException($"Returns.NStep: rewards has {rewards.Length} steps but ended has {ended.Length}.");
        var returns = new double[rewards.Length][];
        var g = (double[])bootstrapValues.Clone();
        for (int t = rewards.Length - 1; t >= 0; t--)
        {
            if (rewards[t].Length != g.Length || ended[t].Length != g.Length)
                throw new ArgumentException($"Returns.NStep: step {t} has {rewards[t].Length} rewards and {ended[t].Length} flags for {g.Length} copies.");
            for (int i = 0; i < g.Length; i++) g[i] = rewards[t][i] + (ended[t][i] ? 0 : gamma * g[i]);
            returns[t] = (double[])g.Clone();
        }
        return returns;
    }

    internal static void CheckGamma(double gamma, string owner)
    {
        if (!(gamma >= 0 && gamma <= 1))
            throw new ArgumentException($"{owner}: the discount gamma must be in [0, 1], got {gamma}.", nameof(gamma));
    }
}
