using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Training;
using Sharpgrad.IO;
using Sharpgrad.Training;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>The regularisation, early-stopping, checkpoint and optimiser options of `sharpgrad train`.</summary>
public sealed class TrainOptionsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sharpgrad-train-options-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(args, new TestConsole(), new StringWriter(), error);
        return (exit, error.ToString());
    }

    private static TrainSettings Parse(params string[] args)
    {
        var command = new TrainCommand(new TestConsole());
        var parsed = new System.CommandLine.Command("sharpgrad") { command }.Parse(["train", .. args]);
        Assert.Empty(parsed.Errors);
        return command.GetSettings(parsed);
    }

    [Fact]
    public void AnUnknownOptimizerIsRejectedWithTheAcceptedNames()
    {
        var (exit, error) = Run("train", "--optimizer", "lbfgs-typo");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("--optimizer must be one of: sgd, nesterov, adam, adamw, adagrad, rmsprop, adadelta, nadam, adamax, lbfgs, bfgs, cg, got 'lbfgs-typo'", error);
    }

    [Theory]
    [InlineData("--lr", "-1", "--lr must be a positive number, got '-1'")]
    [InlineData("--lr", "0", "--lr must be a positive number, got '0'")]
    [InlineData("--weight-decay", "-0.1", "--weight-decay must be a number ≥ 0")]
    [InlineData("--dropout", "1", "--dropout must be a probability in [0, 1)")]
    [InlineData("--label-smoothing", "1.5", "--label-smoothing must be a number in [0, 1]")]
    [InlineData("--early-stopping", "0", "--early-stopping must be a positive integer")]
    [InlineData("--max-norm", "-2", "--max-norm must be a positive number")]
    public void OutOfRangeValuesAreUsageErrors(string option, string value, string message)
    {
        var (exit, error) = Run("train", option, value);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void AMissingResumeDirectoryIsAClearError()
    {
        var missing = Path.Combine(root, "no-such-run");
        var (exit, error) = Run("train", "--resume", missing);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains($"--resume must be an existing directory, got '{missing}'", error);

        // A folder that exists but was never checkpointed fails as a job error, naming what is missing.
        Directory.CreateDirectory(Path.Combine(root, "plain"));
        (exit, error) = Run("train", "--resume", Path.Combine(root, "plain"), "--epochs", "1");
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Contains("holds no checkpoint.safetensors", error);
        Assert.DoesNotContain("   at ", error);

        (exit, error) = Run("train", "--resume", Path.Combine(root, "plain"), "--out", root);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("do not also give --out", error);
    }

    [Fact]
    public void OptionsBecomeSettingsAndTheLearningRateDefaultFollowsTheOptimizer()
    {
        var settings = Parse("--weight-decay", "1e-4", "--l1", "2e-5", "--max-norm", "3", "--dropout", "0.2",
            "--label-smoothing", "0.1", "--early-stopping", "4", "--checkpoint-every", "2", "--optimizer", "adamw");
        Assert.Equal(1e-4, settings.WeightDecay);
        Assert.Equal(2e-5, settings.L1);
        Assert.Equal(3, settings.MaxNorm);
        Assert.Equal(0.2, settings.Dropout);
        Assert.Equal(0.1, settings.LabelSmoothing);
        Assert.Equal(4, settings.EarlyStoppingPatience);
        Assert.Equal(2, settings.CheckpointEvery);
        Assert.Equal(1e-3, settings.LearningRate); // PyTorch's default for AdamW
        Assert.Contains(new KeyValuePair<string, string>("--weight-decay", "0.0001"), settings.Describe());

        var plain = Parse();
        Assert.Equal(0.1, plain.LearningRate);
        Assert.Null(plain.WeightDecay);
        Assert.Null(plain.EarlyStoppingPatience);
        Assert.Equal(0.05, Parse("--optimizer", "adam", "--lr", "0.05").LearningRate);
    }

    [Fact]
    public void EveryOptimizerDecaysTheWeightsButNotTheBiases()
    {
        var model = MlpClassifier.Build([8], new Generator(0));
        var (weights, biases) = Sharpgrad.Regularization.ParameterSelection.Weights.Partition(model);
        // L-BFGS, BFGS and CG treat all parameters as one vector, so they have a single group and take no weight decay
        // (FullBatchLbfgsTrainsTheDigitsMlp and LbfgsWithWeightDecayIsAUsageError cover it).
        foreach (var kind in Enum.GetValues<OptimizerKind>().Where(k => !k.IsLineSearch()))
        {
            var optimizer = kind.Create(weights, biases, kind.DefaultLearningRate(), 0.01);
            Assert.Equal(2, optimizer.ParamGroups.Count);
            Assert.Equal(0.01, optimizer.ParamGroups[0]["weight_decay"]);
            Assert.Equal(0, optimizer.ParamGroups[1]["weight_decay"]);
            Assert.Equal(kind.DefaultLearningRate(), optimizer.Lr);
            Assert.Equal(kind is OptimizerKind.Nesterov ? "SGD" : kind.ToString(), optimizer.Name, ignoreCase: true);
            Assert.Equal(kind is OptimizerKind.Nesterov, optimizer.ParamGroups[0].Options.GetValueOrDefault("nesterov") == 1);
        }
    }

    /// <summary>
    /// The acceptance test at the command line: a run interrupted after 2 epochs and resumed with --resume
    /// ends with exactly the model of an uninterrupted 4-epoch run, with every regulariser switched on.
    /// </summary>
    [Fact]
    public void ARunResumedFromItsCheckpointEndsBitIdenticalToAnUninterruptedOne()
    {
        string[] options = ["--hidden", "16", "--batch-size", "64", "--dropout", "0.2", "--weight-decay", "1e-4", "--l1", "1e-5",
            "--max-norm", "3", "--label-smoothing", "0.1", "--early-stopping", "10", "--optimizer", "adam", "--seed", "3"];
        string whole = Path.Combine(root, "whole"), parted = Path.Combine(root, "parted");

        Assert.Equal(0, Run(["train", .. options, "--epochs", "4", "--out", whole]).Exit);
        Assert.Equal(0, Run(["train", .. options, "--epochs", "2", "--checkpoint-every", "2", "--out", parted]).Exit);
        Assert.Equal((2, 2 * 18L), TrainingCheckpoint.Inspect(parted)); // 1149 fitted digits in batches of 64
        var (exit, error) = Run(["train", .. options, "--epochs", "4", "--resume", parted]);
        Assert.Equal(0, exit);
        Assert.Equal("", error);

        var expected = SafeTensors.Load(Path.Combine(whole, TrainJob.ModelFileName));
        var actual = SafeTensors.Load(Path.Combine(parted, TrainJob.ModelFileName));
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, tensor) in expected)
            Assert.Equal(tensor.ToArray<float>(), actual[name].ToArray<float>());
        Assert.Equal(File.ReadAllText(Path.Combine(whole, MetricsCsv.FileName)), File.ReadAllText(Path.Combine(parted, MetricsCsv.FileName)));
        var png = File.ReadAllBytes(Path.Combine(parted, TrainJob.ActivationsFileName));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);

        // eval rebuilds the model with its Dropout layers from the file's metadata.
        Assert.Equal(0, Run("eval", "--model-file", Path.Combine(parted, TrainJob.ModelFileName), "--seed", "3").Exit);
    }
}
