namespace Sharpgrad.RL;

/// <summary>What policy or value iteration found.</summary>
/// <param name="Values">V(s) for every state; 0 at terminal states.</param>
/// <param name="Policy">The greedy action in every state (0 at terminal states, where no action is taken).</param>
/// <param name="Iterations">Sweeps of value iteration, or improvement steps of policy iteration.</param>
/// <param name="BellmanErrors">max_s |V_{k+1}(s) − V_k(s)| after each sweep, to plot convergence (value iteration; empty for policy iteration).</param>
public sealed record DynamicProgrammingResult(double[] Values, int[] Policy, int Iterations, IReadOnlyList<double> BellmanErrors);
