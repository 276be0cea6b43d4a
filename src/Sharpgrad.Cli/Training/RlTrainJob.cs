using Sharpgrad.Cli.Commands;
using Sharpgrad.RL;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>Runs <c>sharpgrad rl train</c>: builds the agent from its CartPole recipe, trains with a progress bar, prints a summary.</summary>
public static class RlTrainJob
{
    public static IAgent CreateAgent(RlAgentKind kind, int seed) => kind switch
    {
        RlAgentKind.Reinforce => new ReinforceAgent(CartPoleRecipes.Environment, CartPoleRecipes.Reinforce(seed)),
        RlAgentKind.A2c => new A2CAgent(CartPoleRecipes.Environment, CartPoleRecipes.A2C(seed)),
        _ => new DqnAgent(CartPoleRecipes.Environment, CartPoleRecipes.Dqn(seed)),
    };

    public static int Run(RlTrainSettings settings, IAnsiConsole console)
    {
        if (settings.Agent == RlAgentKind.A2c && (settings.CheckpointFile ?? settings.ResumeFile) is not null)
            throw new ArgumentException("rl train: --checkpoint and --resume are not available for a2c: its environment copies are mid-episode between updates.");
        var agent = CreateAgent(settings.Agent, settings.Seed);
        string name = OptionParsers.ChoiceName(settings.Agent);
        RlTrainingResult result = null!;
        console.Progress().AutoClear(true).Start(context =>
        {
            var task = context.AddTask($"{name} on {OptionParsers.ChoiceName(settings.Environment)}", maxValue: settings.Episodes);
            var recent = new Queue<double>();
            var options = new RlTrainingOptions
            {
                Episodes = settings.Episodes,
                CsvPath = settings.LogFile,
                CheckpointPath = settings.CheckpointFile,
                OnEpisode = e =>
                {
                    recent.Enqueue(e.Return);
                    if (recent.Count > 100) recent.Dequeue();
                    task.Value = e.Episode;
                    task.Description = $"{name}: episode {e.Episode}, mean return {recent.Average():F1}";
                },
            };
            result = RlTrainer.Train(agent, options, settings.ResumeFile);
        });
        var last = result.Episodes.Count == 0 ? null : (EpisodeStatistics?)result.Episodes[^1];
        console.MarkupLine(result.Solved
            ? $"[green]solved[/] at episode {result.SolvedAtEpisode} (mean return ≥ 475 over 100 episodes)."
            : $"not solved within {result.Episodes.Count} episodes; mean return over the last 100: {result.RecentMeanReturn():F1}.");
        if (last is { } l) console.MarkupLine($"last episode: return {l.Return}, length {l.Length}, ε {l.Epsilon:F3}, loss {(l.Loss is { } x ? x.ToString("G4") : "–")}.");
        if (settings.LogFile is not null) console.MarkupLine($"wrote [blue]{Markup.Escape(settings.LogFile)}[/]");
        if (settings.CheckpointFile is not null) console.MarkupLine($"wrote [blue]{Markup.Escape(settings.CheckpointFile)}[/]");
        return 0;
    }
}
