namespace Sharpgrad.RL;

/// <summary>
/// Model-free tabular control by temporal differences (Sutton &amp; Barto ch. 6): the agent sees only transitions,
/// not p(s', r | s, a). Both methods act ε-greedily and update
/// Q(s, a) ← Q(s, a) + α (r + γ Q(s', ·) − Q(s, a)); they differ only in the Q(s', ·) they bootstrap from.
/// </summary>
public static class TabularControl
{
    /// <summary>
    /// Q-learning (S&amp;B §6.5): off-policy, it bootstraps from max_a' Q(s', a'), the greedy policy's value, whatever
    /// the behaviour policy does next; Q converges to Q*.
    /// </summary>
    public static double[,] QLearning(IEnvironment<int, int> environment, int stateCount, int actionCount, TabularControlOptions options) =>
        Learn("QLearning", environment, stateCount, actionCount, options, onPolicy: false);

    /// <summary>
    /// SARSA (S&amp;B §6.4): on-policy, it bootstraps from Q(s', a') for the action a' the ε-greedy policy will actually
    /// take, so it learns the value of exploring too (the "safer path" of the cliff-walking example).
    /// </summary>
    public static double[,] Sarsa(IEnvironment<int, int> environment, int stateCount, int actionCount, TabularControlOptions options) =>
        Learn("Sarsa", environment, stateCount, actionCount, options, onPolicy: true);

    /// <summary>The greedy action for <paramref name="state"/>: the lowest among the largest Q values.</summary>
    public static int GreedyAction(double[,] q, int state)
    {
        int best = 0;
        for (int a = 1; a < q.GetLength(1); a++)
            if (q[state, a] > q[state, best]) best = a;
        return best;
    }

    /// <summary>With probability ε a uniformly random action, else the greedy one (S&amp;B §2.2).</summary>
    public static int EpsilonGreedy(double[,] q, int state, double epsilon, Generator generator) =>
        generator.NextDouble() < epsilon ? (int)generator.NextInt64(q.GetLength(1)) : GreedyAction(q, state);

    private static double[,] Learn(string op, IEnvironment<int, int> environment, int stateCount, int actionCount, TabularControlOptions options, bool onPolicy)
    {
        options.Check(op);
        if (stateCount <= 0 || actionCount <= 0)
            throw new ArgumentException($"{op}: stateCount and actionCount must be positive, got {stateCount} and {actionCount}.");
        var q = new double[stateCount, actionCount];
        var generator = new Generator(options.Seed);
        for (int episode = 0; episode < options.Episodes; episode++)
        {
            int state = environment.Reset(episode == 0 ? options.Seed : null);
            int action = EpsilonGreedy(q, state, options.Epsilon, generator);
            for (int t = 0; t < options.MaxStepsPerEpisode; t++)
            {
                var step = environment.Step(action);
                int next = step.Observation;
                int nextAction = EpsilonGreedy(q, next, options.Epsilon, generator);
                // A terminal state is worth 0; a truncated one is not terminal, so it is bootstrapped from.
                double bootstrap = step.Terminated ? 0 : q[next, onPolicy ? nextAction : GreedyAction(q, next)];
                q[state, action] += options.LearningRate * (step.Reward + options.Gamma * bootstrap - q[state, action]);
                if (step.Done) break;
                (state, action) = (next, nextAction);
            }
        }
        return q;
    }
}
