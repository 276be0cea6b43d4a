using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Training;
using Sharpgrad.Data;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>`sharpgrad train --schedule`, `--clip-norm` and `--optimizer lbfgs`.</summary>
public sealed class ScheduleOptionsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sharpgrad-schedule-options-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static TrainSettings Settings(int epochs, string outDir) =>
        new(ModelKind.Mlp, epochs, LearningRate: 0.1, BatchSize: 64, Seed: 0, HiddenSizes: [16], OptimizerKind.Sgd, outDir);

    [Fact]
    public void CosineScheduleFollowsItsClosedFormEpochByEpoch()
    {
        const int epochs = 4;
        var run = TrainingRun.Create(Settings(epochs, root) with { Schedule = ScheduleKind.Cosine });
        var history = run.Fit(Datasets.Digits().Split(0.2, seed: 0).Train, null, []);

        // ε_k = ε₀ (1 + cos(πk/T)) / 2 with T = epochs: the rate used during epoch k (k = 0, 1, ...).
        var expected = Enumerable.Range(0, epochs).Select(k => 0.1 * (1 + Math.Cos(Math.PI * k / epochs)) / 2).ToArray();
        Assert.Equal(expected, history.Epochs.Select(e => e.LearningRate).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void ClipNormClipsTheGlobalGradientNormBeforeEachStep()
    {
        var run = TrainingRun.Create(Settings(1, root) with { ClipNorm = 0.25 });
        var parameters = run.Model.Parameters().ToList();
        foreach (var p in parameters) p.Grad = Tensor.OnesLike(p) * 3;

        run.Trainer.GradientHook!(parameters);

        double norm = Math.Sqrt(parameters.Sum(p => p.Grad!.Square().Sum().Item()));
        Assert.Equal(0.25, norm, precision: 6);
    }

    [Theory]
    [InlineData("lbfgs")]
    [InlineData("bfgs")]
    [InlineData("cg")]
    public void FullBatchLineSearchMethodsTrainTheDigitsMlp(string optimizer)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(
            ["train", "--optimizer", optimizer, "--batch-size", "2000", "--epochs", "5", "--out", root], new TestConsole(), new StringWriter(), error);

        Assert.True(exit == 0, error.ToString());
        var history = MetricsCsv.Read(Path.Combine(root, MetricsCsv.FileName));
        Assert.True(history[^1].TestAccuracy >= 0.93, $"{optimizer} test accuracy {history[^1].TestAccuracy}");
    }

    [Theory]
    [InlineData("--schedule", "sometimes", "--schedule must be one of: none, step")]
    [InlineData("--clip-norm", "0", "--clip-norm must be a positive number")]
    public void BadScheduleOrClipValuesAreUsageErrors(string option, string value, string message)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["train", option, value], new TestConsole(), new StringWriter(), error);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public void LbfgsWithWeightDecayIsAUsageError()
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["train", "--optimizer", "lbfgs", "--weight-decay", "0.1"], new TestConsole(), new StringWriter(), error);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("lbfgs, bfgs and cg take no --weight-decay", error.ToString());
    }
}
