namespace Sharpgrad.RL;

/// <summary>
/// The bookkeeping every environment shares: the seeded <see cref="Generator"/>, the step counter, the time limit
/// (truncation) and the errors for stepping outside an episode. A subclass writes only its dynamics,
/// <see cref="ResetCore"/> and <see cref="StepCore"/>.
/// </summary>
public abstract class EpisodicEnvironment<TObservation, TAction> : IEnvironment<TObservation, TAction>
{
    private bool inEpisode;

    /// <param name="maxEpisodeSteps">The time limit: the step that reaches it is truncated. Null for none.</param>
    protected EpisodicEnvironment(int? maxEpisodeSteps)
    {
        if (maxEpisodeSteps is <= 0)
            throw new ArgumentException($"{GetType().Name}: maxEpisodeSteps must be positive, got {maxEpisodeSteps}.", nameof(maxEpisodeSteps));
        MaxEpisodeSteps = maxEpisodeSteps;
    }

    public abstract Space ObservationSpace { get; }
    public abstract Space ActionSpace { get; }

    /// <summary>The time limit after which an episode is truncated, or null.</summary>
    public int? MaxEpisodeSteps { get; }

    /// <summary>Steps taken in the current episode.</summary>
    public int ElapsedSteps { get; private set; }

    /// <summary>The environment's random stream; seeded by <see cref="Reset"/>, starting from seed 0.</summary>
    protected Generator Generator { get; } = new(0);

    public TObservation Reset(long? seed = null)
    {
        if (seed is { } s) Generator.Seed(s);
        StartEpisode();
        return ResetCore();
    }

    /// <summary>Begins an episode from a state the subclass sets itself (for example CartPole's <c>ResetTo</c>).</summary>
    protected void StartEpisode()
    {
        ElapsedSteps = 0;
        inEpisode = true;
    }

    public StepResult<TObservation> Step(TAction action)
    {
        if (!inEpisode)
            throw new InvalidOperationException($"{GetType().Name}.Step: the episode is over (or never started); call Reset first.");
        CheckAction(action);
        var (observation, reward, terminated) = StepCore(action);
        ElapsedSteps++;
        bool truncated = !terminated && ElapsedSteps >= MaxEpisodeSteps;
        if (terminated || truncated) inEpisode = false;
        return new StepResult<TObservation>(observation, reward, terminated, truncated);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the environment when the action is outside the action space.</summary>
    protected abstract void CheckAction(TAction action);

    /// <summary>Draws the initial state from <see cref="Generator"/> and returns its observation.</summary>
    protected abstract TObservation ResetCore();

    /// <summary>Applies a valid action to the state; returns the observation, the reward and whether the new state is terminal.</summary>
    protected abstract (TObservation Observation, double Reward, bool Terminated) StepCore(TAction action);
}
