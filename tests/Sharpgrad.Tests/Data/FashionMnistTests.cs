using Sharpgrad.Data;
using Sharpgrad.Tests.IO;
using static Sharpgrad.Tests.Data.IdxReaderTests;

namespace Sharpgrad.Tests.Data;

/// <summary>Datasets.FashionMnist and Datasets.Mnist on small IDX files the tests write, and their missing-data errors.</summary>
public class FashionMnistTests : TempDirectory
{
    private void WriteSplit(string prefix, int n, bool gzipped, string? root = null)
    {
        root ??= Dir;
        var images = ImagesFile(n, 28, 28);
        var labels = LabelsFile([.. Enumerable.Range(0, n).Select(i => (byte)(i % 10))]);
        string suffix = gzipped ? ".gz" : "";
        File.WriteAllBytes(Path.Combine(root, $"{prefix}-images-idx3-ubyte{suffix}"), gzipped ? Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(root, $"{prefix}-labels-idx1-ubyte{suffix}"), gzipped ? Gzip(labels) : labels);
    }

    [Fact]
    public void TrainAndTestSplitsLoadFromTheirFiles()
    {
        WriteSplit("train", 5, gzipped: true);
        WriteSplit("t10k", 3, gzipped: false); // torchvision's raw folders hold the files uncompressed
        var train = Datasets.FashionMnist(Dir);
        var test = Datasets.FashionMnist(Dir, train: false);
        Assert.Equal([5, 1, 28, 28], train.Inputs.Shape);
        Assert.Equal([3, 1, 28, 28], test.Inputs.Shape);
        Assert.Equal([0L, 1, 2, 3, 4], train.Targets.ToArray<long>());
        Assert.Equal(DType.Float32, test.Inputs.DType);
        Assert.Equal(Pixels(3, 28, 28).Select(b => b / 255f), test.Inputs.ToArray<float>());
        // MNIST files have the same names and format.
        Assert.True(Datasets.Mnist(Dir, train: false).Inputs.Eq(test.Inputs).All());
    }

    [Fact]
    public void TheGzippedFileIsPreferredWhenBothExist()
    {
        WriteSplit("t10k", 2, gzipped: true);
        File.WriteAllBytes(PathOf("t10k-images-idx3-ubyte"), [1, 2, 3]); // a broken plain copy is not read
        File.WriteAllBytes(PathOf("t10k-labels-idx1-ubyte"), [1, 2, 3]);
        Assert.Equal(2, Datasets.FashionMnist(Dir, train: false).Count);
    }

    [Fact]
    public void MissingFashionMnistFilesSayHowToInstallThem()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Datasets.FashionMnist(Dir));
        Assert.Contains("Datasets.FashionMnist", e.Message);
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains("pass root", e.Message);

        WriteSplit("train", 2, gzipped: true);
        File.Delete(PathOf("train-labels-idx1-ubyte.gz"));
        var labels = Assert.Throws<FileNotFoundException>(() => Datasets.FashionMnist(Dir));
        Assert.Contains("train-labels-idx1-ubyte", labels.Message);
    }

    [Fact]
    public void AMissingDirectorySaysHowToInstallFashionMnist()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => Datasets.FashionMnist(PathOf("nowhere")));
        Assert.Contains("nowhere", e.Message);
        Assert.Contains("apt-get install dataset-fashion-mnist", e.Message);
        Assert.Contains(Datasets.FashionMnistDefaultRoot, e.Message);
    }

    [Fact]
    public void MnistHasNoDefaultRootAndSaysSo()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => Datasets.Mnist(Dir));
        Assert.Contains("Datasets.Mnist", missing.Message);
        Assert.Contains("no default root", missing.Message);
        var noRoot = Assert.Throws<ArgumentNullException>(() => Datasets.Mnist(null!));
        Assert.Contains("no default root", noRoot.Message);
    }

    [Fact]
    public void MismatchedCountsInTheInstalledFilesAreReported()
    {
        WriteSplit("t10k", 3, gzipped: true);
        File.WriteAllBytes(PathOf("t10k-labels-idx1-ubyte.gz"), Gzip(LabelsFile(1, 2)));
        var e = Assert.Throws<InvalidDataException>(() => Datasets.FashionMnist(Dir, train: false));
        Assert.Contains("holds 3 images but t10k-labels-idx1-ubyte.gz holds 2 labels", e.Message);
    }
}

/// <summary>Runs only where Fashion-MNIST is installed; CI and machines without the Debian package skip it.</summary>
public sealed class FashionMnistInstalledFactAttribute : FactAttribute
{
    public FashionMnistInstalledFactAttribute()
    {
        if (!Directory.Exists(Datasets.FashionMnistDefaultRoot))
            Skip = $"Fashion-MNIST is not installed in {Datasets.FashionMnistDefaultRoot} (apt-get install dataset-fashion-mnist); "
                + "nothing else needs it, and the reader is tested on generated files.";
    }
}

/// <summary>
/// The real Fashion-MNIST files, against the numbers published with the data set (Xiao, Rasul &amp; Vollgraf 2017,
/// and its README): 60000 training and 10000 test images of 28×28, and the classes exactly balanced, 6000 and
/// 1000 images each.
/// </summary>
public class FashionMnistInstalledTests
{
    [FashionMnistInstalledFact]
    public void TheInstalledFilesHaveThePublishedSizesAndBalancedClasses()
    {
        var train = Datasets.FashionMnist();
        var test = Datasets.FashionMnist(train: false);
        Assert.Equal([60000, 1, 28, 28], train.Inputs.Shape);
        Assert.Equal([10000, 1, 28, 28], test.Inputs.Shape);
        Assert.Equal(Enumerable.Repeat(6000L, 10), Tensor.OneHot(train.Targets, 10).Sum(0).ToArray<long>());
        Assert.Equal(Enumerable.Repeat(1000L, 10), Tensor.OneHot(test.Targets, 10).Sum(0).ToArray<long>());
        Assert.Equal(0.0, test.Inputs.Min().Item());
        Assert.Equal(1.0, test.Inputs.Max().Item());
    }
}
