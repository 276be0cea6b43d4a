using Sharpgrad.Cli.Commands;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.RL;

/// <summary><c>sharpgrad rl train</c>.</summary>
public sealed class RlCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "sharpgrad-rl-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var console = new TestConsole { Profile = { Width = 200 } };
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(args, console, new StringWriter(), error);
        return (exit, console.Output, error.ToString());
    }

    [Fact]
    public void TrainWritesTheLogAndACheckpointThatResumes()
    {
        string log = Path.Combine(directory, "dqn.csv"), checkpoint = Path.Combine(directory, "dqn.safetensors");
        var (exit, output, error) = Run("rl", "train", "--env", "cartpole", "--agent", "dqn", "--seed", "3", "--episodes", "3", "--log", log, "--checkpoint", checkpoint);
        Assert.True(exit == 0, error);
        Assert.Contains("not solved within 3 episodes", output);
        Assert.Equal(4, File.ReadAllLines(log).Length);
        Assert.Equal("episode,return,length,epsilon,loss", File.ReadAllLines(log)[0]);

        (exit, output, error) = Run("rl", "train", "--agent", "dqn", "--seed", "3", "--episodes", "5", "--log", log, "--resume", checkpoint);
        Assert.True(exit == 0, error);
        Assert.Equal(6, File.ReadAllLines(log).Length);
    }

    [Fact]
    public void MistakesGetOneClearLine()
    {
        var (exit, _, error) = Run("rl", "train", "--agent", "ppo");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("ppo", error);

        (exit, _, error) = Run("rl", "train", "--agent", "a2c", "--episodes", "1", "--checkpoint", Path.Combine(directory, "a2c.safetensors"));
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains("not available for a2c", error);

        (exit, _, error) = Run("rl", "train", "--episodes", "0");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
    }
}
