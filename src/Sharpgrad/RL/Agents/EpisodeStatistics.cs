namespace Sharpgrad.RL;

/// <summary>One finished training episode, as the CSV log records it.</summary>
/// <param name="Episode">Its number, from 1.</param>
/// <param name="Return">The undiscounted sum of its rewards (CartPole: its length).</param>
/// <param name="Length">Its number of steps.</param>
/// <param name="Epsilon">The exploration rate in force when it ended.</param>
/// <param name="Loss">The agent's last training loss when it ended; null before the first update.</param>
public readonly record struct EpisodeStatistics(int Episode, double Return, int Length, double Epsilon, double? Loss);
