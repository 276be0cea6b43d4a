using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Training;
using Sharpgrad.IO;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>The main job, `sharpgrad train` with its defaults, and `sharpgrad eval` on what it wrote.</summary>
public sealed class TrainCommandTests : IDisposable
{
    private readonly string runDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-train-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(runDirectory)) Directory.Delete(runDirectory, recursive: true);
    }

    [Fact]
    public void DefaultTrainingReachesNinetyFivePercentAndEvalReproducesIt()
    {
        var console = new TestConsole();
        int exit = SharpgradCommandLine.Run(["train", "--out", runDirectory], console);

        Assert.Equal(0, exit);
        var history = MetricsCsv.Read(Path.Combine(runDirectory, MetricsCsv.FileName));
        Assert.Equal(30, history.Count);
        Assert.True(history[^1].TestAccuracy >= 0.95, $"final test accuracy {history[^1].TestAccuracy}");

        var png = File.ReadAllBytes(Path.Combine(runDirectory, "curves.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        var modelFile = Path.Combine(runDirectory, TrainJob.ModelFileName);
        var saved = SafeTensors.LoadWithMetadata(modelFile);
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight"], saved.Tensors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([32, 64], saved.Tensors["0.weight"].Shape);
        Assert.Equal("32", saved.Metadata["hidden"]);

        var (_, accuracy) = new EvalJob(new TestConsole()).Evaluate(new EvalSettings(modelFile, Seed: 0));
        Assert.Equal(history[^1].TestAccuracy, accuracy, precision: 12);
    }

    [Theory]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--epochs -1", "--epochs")]
    [InlineData("--optimizer lbfgs-typo", "--optimizer")]
    [InlineData("--lr abc", "--lr")]
    public void BadArgumentsGiveAOneLineErrorAndExitCodeTwo(string arguments, string named)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["train", .. arguments.Split(' ')], new TestConsole(), new StringWriter(), error);

        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(named, error.ToString());
        Assert.DoesNotContain("   at ", error.ToString()); // no stack trace
    }

    [Fact]
    public void EvalOfAFileThatIsNotAModelFailsWithTheFileNamed()
    {
        Directory.CreateDirectory(runDirectory);
        var bogus = Path.Combine(runDirectory, "notes.txt");
        File.WriteAllText(bogus, "this is not a safetensors file");
        var error = new StringWriter();

        int exit = SharpgradCommandLine.Run(["eval", "--model-file", bogus], new TestConsole(), new StringWriter(), error);

        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains("notes.txt", error.ToString());
    }
}
