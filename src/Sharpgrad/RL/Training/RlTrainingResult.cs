namespace Sharpgrad.RL;

/// <summary>What a training run produced: every episode's statistics, and when the task was first solved.</summary>
/// <param name="Episodes">All episodes so far, resumed ones included, in order.</param>
/// <param name="SolvedAtEpisode">The episode that completed the first window whose mean return reached the threshold; null if none.</param>
public sealed record RlTrainingResult(IReadOnlyList<EpisodeStatistics> Episodes, int? SolvedAtEpisode)
{
    public bool Solved => SolvedAtEpisode is not null;

    /// <summary>The mean return of the last <paramref name="window"/> episodes (fewer if there are fewer).</summary>
    public double RecentMeanReturn(int window = 100) =>
        Episodes.Count == 0 ? 0 : Episodes.Skip(Math.Max(0, Episodes.Count - window)).Average(e => e.Return);
}
