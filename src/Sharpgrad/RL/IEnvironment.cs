namespace Sharpgrad.RL;

/// <summary>
/// An episodic environment in gymnasium's shape: <see cref="Reset"/> starts an episode, <see cref="Step"/> applies an
/// action. Generic over the observation and action types so a grid world can say <c>int</c> and CartPole
/// <c>double[]</c>, with no boxing and no tensor per step; an agent turns observations into tensors itself.
/// </summary>
public interface IEnvironment<TObservation, TAction>
{
    /// <summary>What observations are drawn from.</summary>
    Space ObservationSpace { get; }

    /// <summary>What actions must be drawn from; <see cref="Step"/> rejects any other.</summary>
    Space ActionSpace { get; }

    /// <summary>
    /// Starts an episode and returns its first observation. A seed reseeds the environment's <see cref="Generator"/>
    /// (so the same seed gives the same episodes); without one the generator continues its stream, as gymnasium does.
    /// </summary>
    TObservation Reset(long? seed = null);

    /// <summary>Applies <paramref name="action"/>. Throws after the episode ended, until the next <see cref="Reset"/>.</summary>
    StepResult<TObservation> Step(TAction action);
}
