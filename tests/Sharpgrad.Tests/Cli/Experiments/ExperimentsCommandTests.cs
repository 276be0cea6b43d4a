using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Experiments;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli.Experiments;

/// <summary>`sharpgrad experiments list` and `sharpgrad experiments run`.</summary>
public sealed class ExperimentsCommandTests : IDisposable
{
    private readonly string outputDirectory = Path.Combine(Path.GetTempPath(), "sharpgrad-experiments-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outputDirectory)) Directory.Delete(outputDirectory, recursive: true);
    }

    [Fact]
    public void ListShowsEveryExperimentId()
    {
        var console = new TestConsole { Profile = { Width = 250 } };
        int exit = SharpgradCommandLine.Run(["experiments", "list"], console, new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);
        string[] expected =
        [
            "polynomial-fit", "weight-decay", "learning-curves", "digits-pca", "digits-tsne", "svm-vs-tree", "optimizers",
            "distillation", "seq2seq-attention", "gan-dynamics", "linear-autoencoder", "vae", "rbm", "dnc-copy", "memn2n-babi",
            "rnn-gradient-decay", "echo-state", "long-lag", "char-lm", "bandit", "maze-value-iteration", "cartpole-reinforce",
            "cartpole-dqn", "cartpole-exploration",
        ];
        Assert.Equal(expected, ExperimentRegistry.All.Select(e => e.Id));
        foreach (var id in expected) Assert.Contains(id, console.Output);
    }

    [Fact]
    public void RunPolynomialFitWritesItsFiguresAndCsv()
    {
        int exit = SharpgradCommandLine.Run(["experiments", "run", "polynomial-fit", "--out", outputDirectory], new TestConsole(), new StringWriter(), new StringWriter());
        Assert.Equal(0, exit);
        foreach (var png in new[] { PolynomialFitExperiment.FitsFile, PolynomialFitExperiment.ErrorsFile })
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(outputDirectory, png))[..4]);
        var lines = File.ReadAllLines(Path.Combine(outputDirectory, PolynomialFitExperiment.CsvFile));
        Assert.Equal("degree,train_mse,test_mse", lines[0]);
        Assert.Equal(1 + PolynomialFit.MaxDegree, lines.Length);
    }

    [Fact]
    public void AnUnknownIdIsAUsageError()
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["experiments", "run", "no-such-thing"], new TestConsole(), new StringWriter(), error);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("no-such-thing", error.ToString());
    }
}
