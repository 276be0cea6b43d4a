using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Training;
using Sharpgrad.IO;
using Sharpgrad.Training;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// Issue #11 at the command line: every failure is one line on standard error with exit code 1 (usage errors 2), never
/// a stack trace; eval explains model files whose weights and metadata disagree; a diverging run stops and says so.
/// </summary>
public sealed class CliFailureTests : Sharpgrad.Tests.IO.TempDirectory
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new TestConsole();
        int exit = SharpgradCommandLine.Run(args, console, output, error);
        return (exit, output + console.Output, error.ToString());
    }

    /// <summary>Exit 1 and exactly one line on standard error, containing <paramref name="expected"/>.</summary>
    private static void AssertOneLineFailure((int Exit, string Output, string Error) result, string expected)
    {
        Assert.Equal(SharpgradCommandLine.JobFailed, result.Exit);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    /// <summary>A model file as 'sharpgrad train' writes it for an MLP on the digits, with the given changes.</summary>
    private string ModelFile(string name, Action<Dictionary<string, Tensor>, Dictionary<string, string>> change)
    {
        var model = ModelKind.Mlp.Build(new ImageShape(1, 8, 8), [32], new Generator(0));
        var tensors = model.StateDict();
        var metadata = new ModelMetadata(ModelKind.Mlp, DatasetKind.Digits, [32], Seed: 0).ToDictionary();
        change(tensors, metadata);
        var path = PathOf(name);
        SafeTensors.Save(path, tensors, metadata);
        return path;
    }

    [Fact]
    public void ABareCommandIsAUsageError()
    {
        var (exit, output, _) = Run();
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("train", output);
        Assert.DoesNotContain("on the digits data set", output);
    }

    [Fact]
    public void AMisspelledOptionSuggestsTheClosestOne()
    {
        var (exit, _, error) = Run("train", "--epoch", "1");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Equal("sharpgrad train: error: unknown option '--epoch'; did you mean --epochs? See 'sharpgrad train --help'.", error.Trim());
    }

    [Fact]
    public void BenchHelpListsTheBenchOptions()
    {
        var (exit, output, _) = Run("bench", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("usage: bench [--threads N] [--only NAME,...] [--data DIR] [--warmup-seconds S] [--exact]", output);
    }

    [Fact]
    public void OutOntoAnExistingFileIsExplained()
    {
        var file = PathOf("taken");
        File.WriteAllText(file, "x");
        AssertOneLineFailure(Run("train", "--epochs", "1", "--out", file), $"--out '{file}' is an existing file; expected a directory");
    }

    [Fact]
    public void OutWhereNothingCanBeWrittenIsExplained()
        => AssertOneLineFailure(Run("train", "--epochs", "1", "--out", "/proc/sharpgrad-run"), "--out '/proc/sharpgrad-run': cannot create or write files there");

    public static TheoryData<string, string> BrokenModels => new()
    {
        { "shape", "Shape mismatches: 0.weight: expected shape [32, 64], got [31, 64]" },
        { "missing", "Missing keys: 2.bias" },
        { "renamed", "Unexpected keys: 2.bias_renamed" },
        { "hidden=-3", "metadata 'hidden' = \"-3\" is not a list of positive layer widths" },
        { "hidden=1000000000", "metadata hidden=1000000000 describes an MLP with 75000000010 parameters, but the file holds 2410 values" },
        { "dataset", "metadata 'dataset' = \"cifar\" is not one of digits, fashion-mnist, mnist" },
        { "model", "not a model saved by 'sharpgrad train'" },
        { "int32", "tensor '0.weight' holds int64 values but the module's '0.weight' is float32" },
        { "lenet-on-digits", "the metadata names a model and data set that do not go together: --model lenet5 reads 28×28 images" },
    };

    [Theory]
    [MemberData(nameof(BrokenModels))]
    public void EvalOfAModelWhoseWeightsOrMetadataDoNotFitIsOneLine(string defect, string expected)
    {
        var path = ModelFile(defect + ".safetensors", (tensors, metadata) =>
        {
            switch (defect)
            {
                case "shape": tensors["0.weight"] = Tensor.Zeros(31, 64); break;
                case "missing": tensors.Remove("2.bias"); break;
                case "renamed": tensors["2.bias_renamed"] = tensors["2.bias"]; tensors.Remove("2.bias"); break;
                case "hidden=-3": metadata["hidden"] = "-3"; break;
                case "hidden=1000000000": metadata["hidden"] = "1000000000"; break;
                case "dataset": metadata["dataset"] = "cifar"; break;
                case "model": metadata["model"] = "transformer"; break;
                case "int32": tensors["0.weight"] = tensors["0.weight"].Long(); break;
                case "lenet-on-digits": metadata["model"] = "lenet5"; break;
            }
        });
        var result = Run("eval", "--model-file", path);
        AssertOneLineFailure(result, expected);
        Assert.Contains(path, result.Error);
    }

    [Fact]
    public void NonFiniteWeightsWarnNamingTheTensor()
    {
        var path = ModelFile("nan.safetensors", (tensors, _) => tensors["2.bias"] = Tensor.Full([10], double.NaN));
        var (exit, output, _) = Run("eval", "--model-file", path);
        Assert.Equal(0, exit);
        Assert.Contains("tensor '2.bias' holds NaN or infinite values", output.ReplaceLineEndings("").Replace("\n", ""));
    }

    [Theory]
    [InlineData("1e20")]
    [InlineData("1e6")]
    public void ADivergingRunStopsWithOneLineAndExitOne(string lr)
    {
        var dir = PathOf("lr" + lr);
        var result = Run("train", "--epochs", "3", "--lr", lr, "--out", dir);
        AssertOneLineFailure(result, "the run diverged");
        Assert.Matches(@"at step \d+ \(epoch \d\)", result.Error);
        Assert.Contains($"Try a lower --lr (this run: {double.Parse(lr, System.Globalization.CultureInfo.InvariantCulture):G4}) or add --clip-norm 1", result.Error);
    }

    [Fact]
    public void ADivergenceAfterAGoodEpochKeepsThatEpochsModel()
    {
        // A detector that counts the first epoch as good and stops in the second: the model of epoch 1 is restored.
        var model = new Sharpgrad.NN.Linear(2, 1, generator: new Generator(0));
        var detector = new DivergenceDetector(growthFactor: 10);
        var data = new Sharpgrad.Data.TensorDataset(Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2), Tensor.FromArray(new float[] { 1, 2 }, 2, 1));
        var scaled = 1f;
        var trainer = new Trainer();
        var optimizer = new Sharpgrad.Optim.SGD(model.Parameters(), lr: 0.01);
        Dictionary<string, float[]>? afterEpochOne = null;
        var spy = new LambdaCallback { EpochEnd = (context, _) => { afterEpochOne ??= model.StateDict().ToDictionary(p => p.Key, p => p.Value.ToArray<float>()); scaled = 1e6f; } };
        var e = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(model, (output, target) => Sharpgrad.NN.Losses.MSE(output, target) * scaled,
            optimizer, data, epochs: 3, batchSize: 2, callbacks: [detector, spy]));
        Assert.Equal(2, e.Epoch);
        Assert.Equal(1, e.LastGoodEpoch);
        Assert.Contains("more than 10 times its first value", e.Message);
        foreach (var (name, values) in afterEpochOne!) Assert.Equal(values, model.StateDict()[name].ToArray<float>());
    }
    /// <summary>A 1-epoch rmsprop run on the digits with a checkpoint, to resume.</summary>
    private string CheckpointedRun()
    {
        var dir = PathOf("run");
        var (exit, _, error) = Run("train", "--epochs", "1", "--optimizer", "rmsprop", "--lr", "0.001", "--seed", "0", "--hidden", "8",
            "--checkpoint-every", "1", "--out", dir);
        Assert.True(exit == 0, error);
        return dir;
    }

    [Theory]
    [InlineData("--seed", "3", "--seed 3 conflicts with the run's recorded --seed 0")]
    [InlineData("--lr", "0.05", "--lr 0.05 conflicts with the run's recorded --lr 0.001")]
    [InlineData("--optimizer", "sgd", "--optimizer sgd conflicts with the run's recorded --optimizer rmsprop")]
    public void ResumeRejectsAnOptionThatConflictsWithTheRecordedRun(string option, string value, string expected)
    {
        var dir = CheckpointedRun();
        AssertOneLineFailure(Run("train", "--resume", dir, "--epochs", "2", option, value), expected);
    }

    [Fact]
    public void ResumeRestoresTheRecordedSettingsAndOnlyEpochsExtendsTheRun()
    {
        var dir = CheckpointedRun();
        // Neither --optimizer rmsprop nor --hidden 8 is repeated: both come from the run folder.
        var (exit, _, error) = Run("train", "--resume", dir, "--epochs", "2", "--seed", "0");
        Assert.True(exit == 0, error);
        Assert.Equal(2, MetricsCsv.Read(Path.Combine(dir, MetricsCsv.FileName)).Count);
        Assert.Equal([8, 64], SafeTensors.Load(Path.Combine(dir, TrainJob.ModelFileName))["0.weight"].Shape);
    }

    [Fact]
    public void ACheckpointClaimingANegativeEpochIsRejected()
    {
        var dir = CheckpointedRun();
        var path = Path.Combine(dir, TrainingCheckpoint.FileName);
        var file = SafeTensors.LoadWithMetadata(path);
        file.Metadata["epoch"] = "-5";
        SafeTensors.Save(path, file.Tensors, file.Metadata, checksum: true);
        AssertOneLineFailure(Run("train", "--resume", dir, "--epochs", "4"), "claims epoch -5 and step");
    }
}
