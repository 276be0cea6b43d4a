using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Training;
using Sharpgrad.IO;
using Sharpgrad.NN;
using Sharpgrad.Tests.Onnx;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// <c>sharpgrad export</c> (issue #18): a model file as <c>sharpgrad train</c> writes it becomes an ONNX file that ONNX
/// Runtime runs to the same outputs as the rebuilt model, for any batch size; bad input is one line, and no file.
/// </summary>
public sealed class ExportCommandTests : Sharpgrad.Tests.IO.TempDirectory
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var (output, error, console) = (new StringWriter(), new StringWriter(), new TestConsole());
        int exit = SharpgradCommandLine.Run(args, console, output, error);
        return (exit, output + console.Output, error.ToString());
    }

    /// <summary>Saves <paramref name="kind"/> with random weights and its metadata; returns the path and the model.</summary>
    private (string Path, Sequential Model) ModelFile(ModelKind kind, DatasetKind dataset, int[] hidden)
    {
        var model = kind.Build(dataset.ImageShape(), hidden, new Generator(3));
        var path = PathOf($"{kind}.safetensors");
        SafeTensors.Save(path, model.StateDict(), new ModelMetadata(kind, dataset, hidden, Seed: 0).ToDictionary());
        return (path, model);
    }

    [Theory]
    [InlineData(ModelKind.Mlp, DatasetKind.Digits, new[] { 1, 64 })]
    [InlineData(ModelKind.Cnn, DatasetKind.Digits, new[] { 3, 1, 8, 8 })]
    [InlineData(ModelKind.Lenet5, DatasetKind.FashionMnist, new[] { 2, 1, 28, 28 })]
    public void ExportedModelRunsInOnnxRuntimeLikeTheSavedOne(ModelKind kind, DatasetKind dataset, int[] inputShape)
    {
        var (path, model) = ModelFile(kind, dataset, kind == ModelKind.Mlp ? [16] : []);
        var (exit, output, error) = Run("export", "--model-file", path);
        Assert.True(exit == 0, error);
        var onnx = Path.ChangeExtension(path, ".onnx");
        Assert.Contains("wrote", output);

        // A batch size other than the sample's 1: the batch dim is symbolic.
        var input = Tensor.Randn(inputShape, generator: new Generator(4));
        model.Eval();
        float[] expected;
        using (Autograd.NoGrad()) expected = model.Forward(input).ToArray<float>();
        float[] actual = OnnxParity.RunOnnxRuntime(onnx, input);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 * Math.Abs(expected[i]) + 1e-5, $"element {i}: {actual[i]} vs {expected[i]}");
    }

    [Fact]
    public void OutOptionChoosesTheFile()
    {
        var (path, _) = ModelFile(ModelKind.Mlp, DatasetKind.Digits, [8]);
        var target = PathOf("chosen.onnx");
        Assert.Equal(0, Run("export", "--model-file", path, "--out", target, "--format", "onnx").Exit);
        Assert.True(new FileInfo(target).Length > 0);
    }

    [Fact]
    public void UnknownFormatIsAUsageError()
    {
        var (path, _) = ModelFile(ModelKind.Mlp, DatasetKind.Digits, [8]);
        var (exit, _, error) = Run("export", "--model-file", path, "--format", "tflite");
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains("tflite", error);
    }

    [Fact]
    public void WeightsThatDoNotFitAreOneLineAndWriteNoFile()
    {
        var model = ModelKind.Mlp.Build(DatasetKind.Digits.ImageShape(), [8], new Generator(0));
        var path = PathOf("bad.safetensors");
        SafeTensors.Save(path, model.StateDict(), new ModelMetadata(ModelKind.Mlp, DatasetKind.Digits, [9], Seed: 0).ToDictionary());
        var (exit, _, error) = Run("export", "--model-file", path);
        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Contains("bad.safetensors", error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(PathOf("bad.onnx")));
    }
}
