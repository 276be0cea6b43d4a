namespace Sharpgrad.RL;

/// <summary>The hyper-parameters of <see cref="TabularControl"/>.</summary>
/// <param name="Episodes">How many episodes to learn from.</param>
/// <param name="LearningRate">The step size α of the TD update.</param>
/// <param name="Gamma">The discount γ.</param>
/// <param name="Epsilon">The exploration rate of the ε-greedy behaviour policy.</param>
/// <param name="Seed">Seeds the first episode's reset and the exploration draws, so a run is reproducible.</param>
/// <param name="MaxStepsPerEpisode">Cuts off an episode the environment does not end itself (the learner bootstraps there).</param>
public sealed record TabularControlOptions(
    int Episodes = 500,
    double LearningRate = 0.1,
    double Gamma = 0.99,
    double Epsilon = 0.1,
    long Seed = 0,
    int MaxStepsPerEpisode = 1000)
{
    internal void Check(string op)
    {
        if (Episodes <= 0) throw new ArgumentException($"{op}: Episodes must be positive, got {Episodes}.");
        if (!(LearningRate > 0 && LearningRate <= 1)) throw new ArgumentException($"{op}: LearningRate must be in (0, 1], got {LearningRate}.");
        if (!(Gamma >= 0 && Gamma <= 1)) throw new ArgumentException($"{op}: Gamma must be in [0, 1], got {Gamma}.");
        if (!(Epsilon >= 0 && Epsilon <= 1)) throw new ArgumentException($"{op}: Epsilon must be in [0, 1], got {Epsilon}.");
        if (MaxStepsPerEpisode <= 0) throw new ArgumentException($"{op}: MaxStepsPerEpisode must be positive, got {MaxStepsPerEpisode}.");
    }
}
