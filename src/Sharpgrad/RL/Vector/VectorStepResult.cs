namespace Sharpgrad.RL;

/// <summary>What <see cref="VectorEnvironment.Step"/> returns: one entry per copy.</summary>
/// <param name="Observations">Each copy's observation to act on next: the first of a new episode where the copy's episode ended.</param>
/// <param name="Rewards">The reward each copy's step paid.</param>
/// <param name="Terminated">The copy reached a terminal state (no bootstrap).</param>
/// <param name="Truncated">The copy hit its time limit (bootstrap from <paramref name="FinalObservations"/>).</param>
/// <param name="FinalObservations">The observation each step reached, before any auto-reset (gymnasium's <c>final_observation</c>).</param>
public sealed record VectorStepResult(double[][] Observations, double[] Rewards, bool[] Terminated, bool[] Truncated, double[][] FinalObservations)
{
    /// <summary>Whether copy <paramref name="i"/>'s episode ended on this step, for either reason.</summary>
    public bool Done(int i) => Terminated[i] || Truncated[i];
}
