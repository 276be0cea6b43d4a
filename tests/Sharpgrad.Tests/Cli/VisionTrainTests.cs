using System.Buffers.Binary;
using System.IO.Compression;
using Sharpgrad.Cli.Commands;
using Sharpgrad.Cli.Plots;
using Sharpgrad.Cli.Training;
using Sharpgrad.Data;
using Sharpgrad.IO;
using Spectre.Console.Testing;

namespace Sharpgrad.Tests.Cli;

/// <summary>`sharpgrad train --dataset/--model/--augment/--data-root` and the figures every run writes.</summary>
public sealed class VisionTrainTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("sharpgrad-vision-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        int exit = SharpgradCommandLine.Run(args, new TestConsole(), new StringWriter(), error);
        return (exit, error.ToString());
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public void DigitsCnnWritesFiltersAndConfusionPlotsAndEvalRebuildsTheCnn()
    {
        string run = Path.Combine(root, "cnn");
        var (exit, error) = Run("train", "--dataset", "digits", "--model", "cnn", "--epochs", "2", "--out", run);

        Assert.True(exit == 0, error);
        AssertPng(Path.Combine(run, FiltersPlot.FileName));
        AssertPng(Path.Combine(run, ConfusionMatrixPlot.FileName));
        var modelFile = Path.Combine(run, TrainJob.ModelFileName);
        var saved = SafeTensors.LoadWithMetadata(modelFile);
        Assert.Equal("cnn", saved.Metadata["model"]);
        Assert.Equal("digits", saved.Metadata["dataset"]);
        Assert.Equal([4, 1, 3, 3], saved.Tensors["0.weight"].Shape); // the chapter's four 3×3 filters

        var history = MetricsCsv.Read(Path.Combine(run, MetricsCsv.FileName));
        var (_, accuracy) = new EvalJob(new TestConsole()).Evaluate(new EvalSettings(modelFile, Seed: 0));
        Assert.Equal(history[^1].TestAccuracy, accuracy, precision: 12);
    }

    [Theory]
    [InlineData("--dataset", "cifar", "--dataset must be one of: digits, fashion-mnist, mnist")]
    [InlineData("--model", "resnet", "--model must be one of: mlp, cnn, lenet5")]
    public void UnknownDatasetOrModelIsAUsageErrorListingTheAcceptedNames(string option, string value, string message)
    {
        var (exit, error) = Run("train", option, value);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("--model lenet5", "--model lenet5 reads 28×28 images")]
    [InlineData("--dataset fashion-mnist --model cnn", "--model cnn reads 1×8×8 images")]
    [InlineData("--dataset mnist", "--dataset mnist needs --data-root DIR")]
    [InlineData("--model cnn --hidden 16", "--hidden and --dropout shape --model mlp only")]
    [InlineData("--data-root /tmp", "--dataset digits is bundled")]
    public void ModelsAndDataSetsThatDoNotFitAreUsageErrors(string arguments, string message)
    {
        var (exit, error) = Run(["train", .. arguments.Split(' ')]);
        Assert.Equal(SharpgradCommandLine.UsageError, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public void AMissingDataRootIsAOneLineErrorWithTheInstallHint()
    {
        string missing = Path.Combine(root, "no-such-directory");
        var (exit, error) = Run("train", "--dataset", "fashion-mnist", "--data-root", missing, "--out", Path.Combine(root, "run"));

        Assert.Equal(SharpgradCommandLine.JobFailed, exit);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(missing, error);
        Assert.Contains("apt-get install dataset-fashion-mnist", error);
        Assert.False(Directory.Exists(Path.Combine(root, "run")), "no run folder is created for a run that cannot read its data");
    }

    [Fact]
    public void FashionMnistFromIdxFilesTrainsLeNet5AndEvalReproducesItsAccuracy()
    {
        string data = Path.Combine(root, "idx");
        WriteIdxSet(data, "train", count: 96, seed: 1, gzip: true);
        WriteIdxSet(data, "t10k", count: 40, seed: 2, gzip: false);
        string run = Path.Combine(root, "lenet5");

        var (exit, error) = Run("train", "--dataset", "fashion-mnist", "--data-root", data, "--model", "lenet5", "--epochs", "1",
            "--batch-size", "32", "--optimizer", "adam", "--augment", "--out", run);

        Assert.True(exit == 0, error);
        var history = MetricsCsv.Read(Path.Combine(run, MetricsCsv.FileName));
        Assert.Single(history);
        AssertPng(Path.Combine(run, FiltersPlot.FileName));
        AssertPng(Path.Combine(run, ConfusionMatrixPlot.FileName));
        var modelFile = Path.Combine(run, TrainJob.ModelFileName);
        var saved = SafeTensors.LoadWithMetadata(modelFile);
        Assert.Equal("lenet5", saved.Metadata["model"]);
        Assert.Equal("fashion-mnist", saved.Metadata["dataset"]);
        Assert.Equal(Path.GetFullPath(data), saved.Metadata["data_root"]);

        // eval finds the data through the file's metadata, and through --data-root.
        var (_, accuracy) = new EvalJob(new TestConsole()).Evaluate(new EvalSettings(modelFile, Seed: 0));
        Assert.Equal(history[^1].TestAccuracy, accuracy, precision: 12);
        Assert.Equal(0, Run("eval", "--model-file", modelFile, "--data-root", data).Exit);
    }

    [Fact]
    public void AnMlpOnFashionMnistReadsTheFlattenedImages()
    {
        string data = Path.Combine(root, "idx");
        WriteIdxSet(data, "train", count: 40, seed: 3, gzip: false);
        WriteIdxSet(data, "t10k", count: 20, seed: 4, gzip: false);
        string run = Path.Combine(root, "mlp");

        var (exit, error) = Run("train", "--dataset", "fashion-mnist", "--data-root", data, "--epochs", "1", "--augment", "--out", run);

        Assert.True(exit == 0, error);
        Assert.Equal([32, 784], SafeTensors.Load(Path.Combine(run, TrainJob.ModelFileName))["0.weight"].Shape);
    }

    [Fact]
    public void AugmentationMirrorsClothesButNeverDigits()
    {
        static IEnumerable<Type> Steps(DatasetKind kind, bool flat) =>
            ((Compose)TrainingData.Augmentation(kind, flat)).Steps.Select(s => s.GetType());

        Assert.Equal([typeof(RandomCrop), typeof(RandomHorizontalFlip)], Steps(DatasetKind.FashionMnist, flat: false));
        Assert.Equal([typeof(RandomCrop)], Steps(DatasetKind.Mnist, flat: false));
        Assert.Equal([typeof(RandomCrop), typeof(FlattenImages)], Steps(DatasetKind.Digits, flat: true));
    }

    [Fact]
    public void AugmentedDigitsAreTheOriginalsShiftedByAtMostOnePixel()
    {
        var images = Datasets.Digits(images: true);
        var (original, _) = images.GetBatch([0, 1, 2, 3, 4, 5, 6, 7]);
        var shifted = TrainingData.Augmentation(DatasetKind.Digits, flat: false).Apply(original, new Generator(0));

        Assert.Equal(original.Shape, shifted.Shape);
        // A shift keeps the pixel values and only moves them; with at most 1 pixel each way, a zero-padded
        // original contains the shifted image at one of the nine offsets.
        var padded = Tensor.Zeros([8, 1, 10, 10]);
        padded[.., .., 1..9, 1..9] = original;
        for (int n = 0; n < 8; n++)
        {
            bool found = false;
            for (int dy = 0; dy <= 2 && !found; dy++)
                for (int dx = 0; dx <= 2 && !found; dx++)
                    found = padded[n].Narrow(1, dy, 8).Narrow(2, dx, 8).AllClose(shifted[n], 0, 0);
            Assert.True(found, $"augmented digit {n} is not the original shifted by at most one pixel");
        }
    }

    /// <summary>
    /// Writes <paramref name="count"/> random 28×28 images and labels in MNIST's IDX format (LeCun et al.): a big-endian
    /// magic number 0x00000803 (unsigned bytes, 3 dims) or 0x00000801 (1 dim), the dims as big-endian int32, the bytes.
    /// </summary>
    private static void WriteIdxSet(string directory, string prefix, int count, int seed, bool gzip)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var pixels = new byte[count * 28 * 28];
        random.NextBytes(pixels);
        var labels = Enumerable.Range(0, count).Select(i => (byte)(i % 10)).ToArray();
        WriteIdx(Path.Combine(directory, $"{prefix}-images-idx3-ubyte"), 0x00000803, [count, 28, 28], pixels, gzip);
        WriteIdx(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte"), 0x00000801, [count], labels, gzip);
    }

    private static void WriteIdx(string path, int magic, int[] dims, byte[] data, bool gzip)
    {
        using var file = File.Create(gzip ? path + ".gz" : path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        Span<byte> word = stackalloc byte[4];
        foreach (int value in (int[])[magic, .. dims])
        {
            BinaryPrimitives.WriteInt32BigEndian(word, value);
            stream.Write(word);
        }
        stream.Write(data);
    }
}
