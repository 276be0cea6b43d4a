namespace Sharpgrad.Data;

// The image data sets that live on disk rather than inside the library: Fashion-MNIST (installed by the Debian
// package dataset-fashion-mnist), MNIST and CIFAR-10 (downloaded by the user). Each call reads the files
// afresh (nothing is cached, unlike the small bundled sets) and returns float32 NCHW images in [0, 1] with int64
// class labels 0..9, ready for DataLoader, TransformedDataset and cross-entropy.
public static partial class Datasets
{
    /// <summary>Where the Debian package <c>dataset-fashion-mnist</c> installs Fashion-MNIST.</summary>
    public const string FashionMnistDefaultRoot = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's class names, indexed by label (Xiao, Rasul &amp; Vollgraf, 2017).</summary>
    public static IReadOnlyList<string> FashionMnistClasses { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>CIFAR-10's class names, indexed by label (batches.meta.txt).</summary>
    public static IReadOnlyList<string> Cifar10Classes { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>
    /// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf, 2017): 28×28 greyscale photos of clothing in 10 classes
    /// (<see cref="FashionMnistClasses"/>), 60000 for training and 10000 for testing (<paramref name="train"/> =
    /// false), in MNIST's IDX format. Images are float32 [N, 1, 28, 28] in [0, 1], labels int64 [N].
    /// <paramref name="root"/> is the directory holding <c>train-images-idx3-ubyte.gz</c>,
    /// <c>train-labels-idx1-ubyte.gz</c>, <c>t10k-images-idx3-ubyte.gz</c> and <c>t10k-labels-idx1-ubyte.gz</c>
    /// (or the same names without <c>.gz</c>); by default <see cref="FashionMnistDefaultRoot"/>, where
    /// <c>apt-get install dataset-fashion-mnist</c> puts them.
    /// </summary>
    public static TensorDataset FashionMnist(string? root = null, bool train = true) => FashionMnistBytes(root, train).ToTensorDataset();

    /// <summary>
    /// <see cref="FashionMnist"/> with the images kept as bytes and converted to float32 one batch at a time
    /// (<see cref="ByteImageDataset"/>): the same batches, 47 MB for the training images instead of 188 MB.
    /// </summary>
    public static ByteImageDataset FashionMnistBytes(string? root = null, bool train = true)
        => ReadMnistFormat("FashionMnist", root ?? FashionMnistDefaultRoot, train,
            "install the Debian package with `apt-get install dataset-fashion-mnist` (it puts the files in "
            + FashionMnistDefaultRoot + "), or pass root: the directory that holds them", root is null ? "dataset-fashion-mnist" : null);

    /// <summary>
    /// MNIST (LeCun, Cortes &amp; Burges): 28×28 greyscale handwritten digits, labels 0..9, 60000 for training and
    /// 10000 for testing. Same files, layout and tensors as <see cref="FashionMnist"/>. There is no default
    /// root, because no package installs MNIST here: download the four files and pass their directory.
    /// </summary>
    public static TensorDataset Mnist(string root, bool train = true)
    {
        const string howToGet = "MNIST has no default root, since no package installs it: download the four files "
            + "(train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) "
            + "from the MNIST database's site or a mirror of it into one directory and pass that directory as root";
        if (root is null)
            throw new ArgumentNullException(nameof(root), $"Datasets.Mnist: root is required; {howToGet}.");
        return ReadMnistFormat("Mnist", root, train, howToGet).ToTensorDataset();
    }

    /// <summary>
    /// CIFAR-10 (Krizhevsky, 2009): 32×32 colour images in 10 classes (<see cref="Cifar10Classes"/>), 50000 for
    /// training (<c>data_batch_1.bin</c> … <c>data_batch_5.bin</c>, in that order) and 10000 for testing
    /// (<c>test_batch.bin</c>). Images are float32 [N, 3, 32, 32] in [0, 1] (RGB), labels int64 [N].
    /// <paramref name="root"/> is the <c>cifar-10-batches-bin</c> directory of the binary version
    /// (<c>cifar-10-binary.tar.gz</c>), which has to be downloaded: no package installs it.
    /// </summary>
    public static TensorDataset Cifar10(string root, bool train = true)
    {
        const string howToGet = "download the binary version of CIFAR-10 (cifar-10-binary.tar.gz, from Alex Krizhevsky's "
            + "CIFAR page), extract it and pass its cifar-10-batches-bin directory as root";
        string[] names = train ? [.. Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin")] : ["test_batch.bin"];
        return Cifar10Reader.ReadDataset([.. names.Select(name => Locate("Cifar10", root, name, howToGet))]);
    }

    private static ByteImageDataset ReadMnistFormat(string dataset, string root, bool train, string howToGet, string? package = null)
    {
        string prefix = train ? "train" : "t10k";
        string images = Locate(dataset, root, $"{prefix}-images-idx3-ubyte", howToGet, gzipOrPlain: true, package);
        string labels = Locate(dataset, root, $"{prefix}-labels-idx1-ubyte", howToGet, gzipOrPlain: true, package);
        return IdxReader.ReadByteDataset(images, labels, classes: 10, imageSize: (28, 28));
    }

    /// <summary>
    /// The path of <paramref name="name"/> in <paramref name="root"/> (with <paramref name="gzipOrPlain"/>, the
    /// <c>.gz</c> file if present, else the plain one); a missing directory or file says how to get the data, and is
    /// marked (<see cref="MissingData"/>) with the package that installs it when the default root was used.
    /// </summary>
    private static string Locate(string dataset, string root, string name, string howToGet, bool gzipOrPlain = false, string? package = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
            throw Marked(new DirectoryNotFoundException($"Datasets.{dataset}: directory '{root}' does not exist; {howToGet}."), package);
        string[] candidates = gzipOrPlain ? [name + ".gz", name] : [name];
        foreach (var candidate in candidates)
        {
            string path = Path.Combine(root, candidate);
            if (File.Exists(path)) return path;
        }
        throw Marked(new FileNotFoundException(
            $"Datasets.{dataset}: '{root}' has no {string.Join(" or ", candidates)}; {howToGet}.", Path.Combine(root, candidates[0])), package);
    }

    private static Exception Marked(Exception error, string? package) => package is null ? error : MissingData.Mark(error, package);
}
