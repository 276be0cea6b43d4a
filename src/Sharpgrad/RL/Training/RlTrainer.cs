using System.Globalization;

namespace Sharpgrad.RL;

/// <summary>
/// The reinforcement-learning training loop: runs an agent's iterations until the episode budget is spent (or the
/// task is solved), logging every episode (return, length, ε, loss) to a CSV file and checkpointing the agent and
/// the history so a run can be resumed bit for bit.
/// </summary>
public static class RlTrainer
{
    public const string CsvHeader = "episode,return,length,epsilon,loss";

    /// <summary>Trains <paramref name="agent"/>; with <paramref name="resumeFrom"/>, first restores it and its history from that checkpoint.</summary>
    public static RlTrainingResult Train(IAgent agent, RlTrainingOptions options, string? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        options.Validate();
        var history = resumeFrom is null ? [] : RlCheckpoint.Load(resumeFrom, agent);
        using var csv = options.CsvPath is null ? null : OpenCsv(options.CsvPath, history);
        int? solved = Solved(history, options);
        for (int iteration = 1; history.Count < options.Episodes && !(solved is not null && options.StopWhenSolved); iteration++)
        {
            foreach (var episode in agent.TrainIteration())
            {
                history.Add(episode);
                csv?.WriteLine(Row(episode));
                options.OnEpisode?.Invoke(episode);
            }
            csv?.Flush();
            solved ??= Solved(history, options);
            if (options.CheckpointPath is not null && iteration % options.CheckpointEvery == 0) RlCheckpoint.Save(options.CheckpointPath, agent, history);
        }
        if (options.CheckpointPath is not null) RlCheckpoint.Save(options.CheckpointPath, agent, history);
        return new RlTrainingResult(history, solved);
    }

    private static int? Solved(List<EpisodeStatistics> history, RlTrainingOptions options) =>
        SolvedCriterion.FirstSolved([.. history.Select(e => e.Return)], options.SolvedWindow, options.SolvedReturn);

    /// <summary>A fresh CSV with its header, or, when resuming, the history rewritten so the log matches the checkpoint.</summary>
    private static StreamWriter OpenCsv(string path, IReadOnlyList<EpisodeStatistics> history)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        var writer = new StreamWriter(path, append: false);
        writer.WriteLine(CsvHeader);
        foreach (var episode in history) writer.WriteLine(Row(episode));
        return writer;
    }

    private static string Row(EpisodeStatistics e) => string.Join(',',
        e.Episode.ToString(CultureInfo.InvariantCulture), e.Return.ToString("R", CultureInfo.InvariantCulture),
        e.Length.ToString(CultureInfo.InvariantCulture), e.Epsilon.ToString("R", CultureInfo.InvariantCulture),
        e.Loss?.ToString("R", CultureInfo.InvariantCulture) ?? "");
}
