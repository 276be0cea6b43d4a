namespace Sharpgrad.RL;

/// <summary>An environment whose actions are the integers of a <see cref="DiscreteSpace"/>.</summary>
public abstract class DiscreteActionEnvironment<TObservation>(int actionCount, int? maxEpisodeSteps)
    : EpisodicEnvironment<TObservation, int>(maxEpisodeSteps)
{
    private readonly DiscreteSpace actions = new(actionCount);

    public override Space ActionSpace => actions;

    protected override void CheckAction(int action) => actions.CheckContains(action, $"{GetType().Name}.Step");
}
