using System.CommandLine;
using Sharpgrad.Cli.Training;
using Sharpgrad.RL;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad rl train --env cartpole --agent reinforce|a2c|dqn [--seed N] [--episodes N] [--log FILE]
/// [--checkpoint FILE] [--resume FILE]</c>: trains an agent on an environment, printing progress, and optionally
/// logging every episode to CSV and checkpointing for a bit-identical resume.
/// </summary>
internal sealed class RlCommand : Command
{
    public RlCommand(IAnsiConsole console) : base("rl", "Reinforcement learning: train an agent (REINFORCE, A2C, DQN) on CartPole.")
    {
        Subcommands.Add(Train(console));
    }

    private static Command Train(IAnsiConsole console)
    {
        var env = new Option<RlEnvironmentKind>("--env")
        {
            Description = "Environment. " + OptionParsers.DescribeChoices(RlEnvironmentKind.CartPole),
            HelpName = string.Join("|", OptionParsers.ChoiceNames<RlEnvironmentKind>()),
            CustomParser = OptionParsers.Choice(RlEnvironmentKind.CartPole),
        };
        var agent = new Option<RlAgentKind>("--agent")
        {
            Description = "Agent: REINFORCE with a learned baseline, advantage actor-critic, or deep Q-learning. " + OptionParsers.DescribeChoices(RlAgentKind.Reinforce),
            HelpName = string.Join("|", OptionParsers.ChoiceNames<RlAgentKind>()),
            CustomParser = OptionParsers.Choice(RlAgentKind.Reinforce),
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the whole run (weights, episodes, exploration). [default: 0]", HelpName = "N", CustomParser = OptionParsers.Int(0) };
        var episodes = new Option<int>("--episodes") { Description = "Episode budget (positive integer). [default: 3000]", HelpName = "N", CustomParser = OptionParsers.PositiveInt(3000) };
        var log = new Option<string>("--log") { Description = "Write one CSV row per episode (episode, return, length, epsilon, loss) to FILE.", HelpName = "FILE", CustomParser = OptionParsers.NonEmptyPath() };
        var checkpoint = new Option<string>("--checkpoint") { Description = "Save the agent, its optimiser, generator and replay memory to FILE (safetensors) as it trains.", HelpName = "FILE", CustomParser = OptionParsers.NonEmptyPath() };
        var resume = new Option<string>("--resume") { Description = "Continue the run saved in FILE by --checkpoint (same --agent and --seed).", HelpName = "FILE", CustomParser = OptionParsers.ExistingFile() };
        var command = new Command("train", "Train an agent until it solves the task (mean return ≥ 475 over 100 episodes) or the budget runs out.")
        {
            env, agent, seed, episodes, log, checkpoint, resume,
        };
        command.SetAction(parseResult => RlTrainJob.Run(new RlTrainSettings(
            parseResult.GetValue(env), parseResult.GetValue(agent), parseResult.GetValue(seed), parseResult.GetValue(episodes),
            parseResult.GetValue(log), parseResult.GetValue(checkpoint), parseResult.GetValue(resume)), console));
        return command;
    }
}
