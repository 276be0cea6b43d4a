using System.Buffers.Binary;
using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Training;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>
/// Every model × data set pair <c>train</c> accepts learns with its default recipe (quick mode: a small learnable set
/// and two epochs, with the recipe's optimiser, learning rate, batch size and schedule). The full-size runs and their
/// accuracies are in the README ("Default recipes").
/// </summary>
public sealed class DefaultRecipeTests : IO.TempDirectory
{
    public static TheoryData<string, string> Pairs => new()
    {
        { "mlp", "digits" }, { "cnn", "digits" },
        { "mlp", "fashion-mnist" }, { "mlp", "mnist" },
        { "lenet5", "fashion-mnist" }, { "lenet5", "mnist" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void EachPairLearnsWithItsDefaultRecipe(string model, string dataset)
    {
        string run = PathOf("run");
        string[] data = dataset == "digits" ? [] : ["--data-root", LearnableImages()];
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(["train", "--model", model, "--dataset", dataset, "--epochs", "2", .. data, "--out", run],
            new TestConsole(), new StringWriter(), error);

        Assert.True(exit == 0, error.ToString());
        var final = MetricsCsv.Read(Path.Combine(run, MetricsCsv.FileName))[^1];
        Assert.True(final.TestAccuracy >= 0.5, $"{model} on {dataset}: test accuracy {final.TestAccuracy} after 2 epochs (chance is 0.1)");
    }

    [Fact]
    public void LeNet5TakesTheReferenceOptimiserAndOptionsOverrideTheRecipe()
    {
        Assert.Equal(new DefaultRecipe(OptimizerKind.Adam, 1e-3, 32, 5, ScheduleKind.Cosine), DefaultRecipe.For(ModelKind.Lenet5, DatasetKind.FashionMnist));
        var command = new TrainCommand(new TestConsole());
        var parsed = new System.CommandLine.Command("sharpgrad") { command }.Parse(["train", "--model", "lenet5", "--dataset", "fashion-mnist", "--optimizer", "sgd"]);
        var settings = command.GetSettings(parsed);
        Assert.Equal((OptimizerKind.Sgd, 0.1, 32, 5), (settings.Optimizer, settings.LearningRate, settings.BatchSize, settings.Epochs));
    }

    /// <summary>
    /// 28×28 images whose class is where a bright 8×8 square sits (ten places on a grid), over faint noise: 400 for
    /// training and 100 for testing, in the IDX files both 28×28 data sets read.
    /// </summary>
    private string LearnableImages()
    {
        string dir = PathOf("idx");
        Directory.CreateDirectory(dir);
        var random = new Random(5);
        foreach (var (prefix, count) in new[] { ("train", 400), ("t10k", 100) })
        {
            var pixels = new byte[count * 28 * 28];
            var labels = new byte[count];
            for (int i = 0; i < count; i++)
            {
                int label = labels[i] = (byte)(i % 10);
                int top = 2 + label / 5 * 12 + random.Next(0, 3), left = 1 + label % 5 * 5 + random.Next(0, 2);
                for (int p = 0; p < 28 * 28; p++) pixels[i * 784 + p] = (byte)random.Next(0, 40);
                for (int r = top; r < top + 8; r++)
                    for (int c = left; c < Math.Min(28, left + 8); c++) pixels[i * 784 + r * 28 + c] = 255;
            }
            Write(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), 0x00000803, [count, 28, 28], pixels);
            Write(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), 0x00000801, [count], labels);
        }
        return dir;
    }

    private static void Write(string path, int magic, int[] dims, byte[] data)
    {
        var header = new byte[4 + 4 * dims.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int d = 0; d < dims.Length; d++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dims[d]);
        File.WriteAllBytes(path, [.. header, .. data]);
    }
}
