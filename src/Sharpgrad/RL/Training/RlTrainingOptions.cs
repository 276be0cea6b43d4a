namespace Sharpgrad.RL;

/// <summary>How long <see cref="RlTrainer"/> trains, what counts as solved, and where it logs and checkpoints.</summary>
public sealed record RlTrainingOptions
{
    /// <summary>The episode budget: training stops once this many episodes have finished (an iteration may overshoot it).</summary>
    public int Episodes { get; init; } = 1000;

    /// <summary>The mean return over <see cref="SolvedWindow"/> consecutive episodes that counts as solved (CartPole-v1: 475).</summary>
    public double SolvedReturn { get; init; } = 475;

    public int SolvedWindow { get; init; } = 100;

    /// <summary>Stop as soon as the task is solved rather than spending the rest of the budget.</summary>
    public bool StopWhenSolved { get; init; } = true;

    /// <summary>A CSV file to write one row per episode to (episode, return, length, epsilon, loss); null for none.</summary>
    public string? CsvPath { get; init; }

    /// <summary>A safetensors file to write the agent and the history to every <see cref="CheckpointEvery"/> iterations and at the end.</summary>
    public string? CheckpointPath { get; init; }

    public int CheckpointEvery { get; init; } = 10;

    /// <summary>Called after every finished episode (a progress bar, a console line).</summary>
    public Action<EpisodeStatistics>? OnEpisode { get; init; }

    internal void Validate()
    {
        if (Episodes <= 0) throw new ArgumentException($"RlTrainingOptions: Episodes must be positive, got {Episodes}.");
        if (SolvedWindow <= 0) throw new ArgumentException($"RlTrainingOptions: SolvedWindow must be positive, got {SolvedWindow}.");
        if (CheckpointEvery <= 0) throw new ArgumentException($"RlTrainingOptions: CheckpointEvery must be positive, got {CheckpointEvery}.");
        if (double.IsNaN(SolvedReturn)) throw new ArgumentException("RlTrainingOptions: SolvedReturn must be a number, got NaN.");
    }
}
