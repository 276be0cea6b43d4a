namespace Sharpgrad.RL;

/// <summary>
/// Dynamic programming on a known finite MDP (Sutton &amp; Barto ch. 4; the NYU notes' Bellman equations):
/// policy evaluation, policy iteration and value iteration. Sweeps update V in place (Gauss–Seidel, S&amp;B §4.1),
/// which converges to the same fixed point as the two-array form, in fewer sweeps.
/// </summary>
public static class DynamicProgramming
{
    /// <summary>Actions whose values differ by no more than this are ties; the lowest such action is chosen.</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>
    /// The one-step lookahead q(s, a) = Σ_{s', r} p(s', r | s, a) (r + γ V(s')) (S&amp;B eq. 4.6), with V = 0 at
    /// terminal states.
    /// </summary>
    public static double ActionValue(IMarkovDecisionProcess mdp, double[] values, int state, int action, double gamma)
    {
        double q = 0;
        foreach (var t in mdp.Transitions(state, action))
            q += t.Probability * (t.Reward + gamma * (mdp.IsTerminal(t.NextState) ? 0 : values[t.NextState]));
        return q;
    }

    /// <summary>
    /// The greedy action argmax_a q(s, a); among actions within <see cref="TieTolerance"/> of the best, the lowest,
    /// so two methods that agree on V up to rounding also agree on the policy.
    /// </summary>
    public static int GreedyAction(IMarkovDecisionProcess mdp, double[] values, int state, double gamma)
    {
        var q = Enumerable.Range(0, mdp.ActionCount).Select(a => ActionValue(mdp, values, state, a, gamma)).ToArray();
        double best = q.Max();
        return Array.FindIndex(q, v => v >= best - TieTolerance);
    }

    /// <summary>The greedy policy for <paramref name="values"/> (S&amp;B eq. 4.9).</summary>
    public static int[] GreedyPolicy(IMarkovDecisionProcess mdp, double[] values, double gamma) =>
        [.. Enumerable.Range(0, mdp.StateCount).Select(s => mdp.IsTerminal(s) ? 0 : GreedyAction(mdp, values, s, gamma))];

    /// <summary>
    /// Iterative policy evaluation (S&amp;B §4.1): V^π(s) = Σ p (r + γ V^π(s')) for the deterministic
    /// <paramref name="policy"/>, swept until no value moves by more than <paramref name="tolerance"/>.
    /// </summary>
    public static double[] EvaluatePolicy(IMarkovDecisionProcess mdp, int[] policy, double gamma, double tolerance = 1e-12, int maxSweeps = 100_000)
    {
        CheckArguments("EvaluatePolicy", mdp, gamma, tolerance, maxSweeps);
        if (policy.Length != mdp.StateCount)
            throw new ArgumentException($"EvaluatePolicy: policy must give an action for each of the {mdp.StateCount} states, got {policy.Length}.", nameof(policy));
        var values = new double[mdp.StateCount];
        Sweep("EvaluatePolicy", mdp, values, s => ActionValue(mdp, values, s, policy[s], gamma), tolerance, maxSweeps);
        return values;
    }

    /// <summary>
    /// Policy iteration (S&amp;B §4.3): evaluate the policy, make it greedy, repeat until it no longer changes. Starts
    /// from <paramref name="initialPolicy"/>, by default the one that always takes action 0 (with γ = 1 it must reach a
    /// terminal state, or its evaluation diverges). Only a strictly better action (by more than
    /// <see cref="TieTolerance"/>) replaces the current one, so the loop cannot cycle between equally good policies.
    /// </summary>
    public static DynamicProgrammingResult PolicyIteration(IMarkovDecisionProcess mdp, double gamma, double tolerance = 1e-12, int maxIterations = 1000, int[]? initialPolicy = null)
    {
        CheckArguments("PolicyIteration", mdp, gamma, tolerance, maxIterations);
        var policy = initialPolicy is null ? new int[mdp.StateCount] : (int[])initialPolicy.Clone();
        for (int iteration = 1; iteration <= maxIterations; iteration++)
        {
            var values = EvaluatePolicy(mdp, policy, gamma, tolerance);
            bool stable = true;
            for (int s = 0; s < mdp.StateCount; s++)
            {
                if (mdp.IsTerminal(s)) continue;
                int greedy = GreedyAction(mdp, values, s, gamma);
                if (ActionValue(mdp, values, s, greedy, gamma) > ActionValue(mdp, values, s, policy[s], gamma) + TieTolerance)
                {
                    policy[s] = greedy;
                    stable = false;
                }
            }
            if (stable) return new DynamicProgrammingResult(values, GreedyPolicy(mdp, values, gamma), iteration, []);
        }
        throw new InvalidOperationException($"PolicyIteration: the policy was still changing after {maxIterations} improvements.");
    }

    /// <summary>
    /// Value iteration (S&amp;B §4.4): V(s) ← max_a Σ p (r + γ V(s')) until no value moves by more than
    /// <paramref name="tolerance"/>; the policy is greedy for the final V.
    /// </summary>
    public static DynamicProgrammingResult ValueIteration(IMarkovDecisionProcess mdp, double gamma, double tolerance = 1e-12, int maxSweeps = 100_000)
    {
        CheckArguments("ValueIteration", mdp, gamma, tolerance, maxSweeps);
        var values = new double[mdp.StateCount];
        var errors = Sweep("ValueIteration", mdp, values,
            s => Enumerable.Range(0, mdp.ActionCount).Max(a => ActionValue(mdp, values, s, a, gamma)), tolerance, maxSweeps);
        return new DynamicProgrammingResult(values, GreedyPolicy(mdp, values, gamma), errors.Count, errors);
    }

    /// <summary>Applies <paramref name="backup"/> to every non-terminal state in place until the largest change is within tolerance.</summary>
    private static List<double> Sweep(string op, IMarkovDecisionProcess mdp, double[] values, Func<int, double> backup, double tolerance, int maxSweeps)
    {
        var errors = new List<double>();
        while (errors.Count < maxSweeps)
        {
            double delta = 0;
            for (int s = 0; s < mdp.StateCount; s++)
            {
                if (mdp.IsTerminal(s)) continue;
                double updated = backup(s);
                delta = Math.Max(delta, Math.Abs(updated - values[s]));
                values[s] = updated;
            }
            errors.Add(delta);
            if (delta <= tolerance) return errors;
            if (!double.IsFinite(delta)) break;
        }
        throw new InvalidOperationException(
            $"{op}: values did not converge within {maxSweeps} sweeps (last change {errors[^1]}); with gamma = 1 every policy evaluated must reach a terminal state.");
    }

    private static void CheckArguments(string op, IMarkovDecisionProcess mdp, double gamma, double tolerance, int maxSweeps)
    {
        if (!(gamma >= 0 && gamma <= 1)) throw new ArgumentException($"{op}: gamma must be in [0, 1], got {gamma}.", nameof(gamma));
        if (!(tolerance > 0)) throw new ArgumentException($"{op}: tolerance must be positive, got {tolerance}.", nameof(tolerance));
        if (maxSweeps <= 0) throw new ArgumentException($"{op}: the iteration limit must be positive, got {maxSweeps}.", nameof(maxSweeps));
        if (mdp.StateCount <= 0 || mdp.ActionCount <= 0)
            throw new ArgumentException($"{op}: the MDP needs states and actions, got {mdp.StateCount} and {mdp.ActionCount}.", nameof(mdp));
    }
}
