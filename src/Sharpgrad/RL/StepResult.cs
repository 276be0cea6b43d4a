namespace Sharpgrad.RL;

/// <summary>
/// What one <see cref="IEnvironment{TObservation, TAction}.Step"/> returns, as gymnasium's step does.
/// </summary>
/// <param name="Observation">The state seen after the action.</param>
/// <param name="Reward">The reward r_{t+1} for the transition (Sutton &amp; Barto §3.1).</param>
/// <param name="Terminated">The episode reached a terminal state of the MDP: no future reward, V(s') = 0.</param>
/// <param name="Truncated">
/// The episode was cut off by a time limit. The state is not terminal, so a learner should still bootstrap from it;
/// keeping the two flags apart is why gymnasium split the old single "done".
/// </param>
public readonly record struct StepResult<TObservation>(TObservation Observation, double Reward, bool Terminated, bool Truncated)
{
    /// <summary>The episode is over for either reason; call <see cref="IEnvironment{TObservation, TAction}.Reset"/>.</summary>
    public bool Done => Terminated || Truncated;
}
