namespace Sharpgrad.RL;

/// <summary>
/// A learning agent that the <see cref="RlTrainer"/> drives: each <see cref="TrainIteration"/> runs the agent's own
/// unit of work (REINFORCE: k episodes and one update; DQN: one episode with its updates; A2C: one n-step rollout of
/// every copy and one update) and reports the episodes that ended in it.
/// </summary>
public interface IAgent
{
    /// <summary>A short name for logs ("reinforce", "dqn", "a2c").</summary>
    string Name { get; }

    /// <summary>Episodes finished so far.</summary>
    int EpisodesDone { get; }

    /// <summary>Runs one unit of training; returns the statistics of the episodes that ended during it, in order.</summary>
    IReadOnlyList<EpisodeStatistics> TrainIteration();

    /// <summary>Everything needed to continue training bit for bit: weights, optimiser state, generators, counters (and replay).</summary>
    Dictionary<string, Tensor> StateDict();

    /// <summary>Restores what <see cref="StateDict"/> saved, into an agent built with the same options.</summary>
    void LoadStateDict(IReadOnlyDictionary<string, Tensor> state);
}
