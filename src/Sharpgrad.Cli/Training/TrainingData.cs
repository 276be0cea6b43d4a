using Sharpgrad.Data;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The training and test examples of a <c>sharpgrad train</c> run. The digits are split 80/20 by the run's seed
/// (the bundled set has no official split); Fashion-MNIST and MNIST come with official 60000/10000 train and test
/// files, which are used as they are, so results compare with published ones. Inputs are images [C, H, W] for a
/// convolutional model and flat vectors [C·H·W] for an MLP. With augmentation the training examples are cropped
/// (and, where a mirror image keeps its class, flipped) afresh every time they are drawn (GBC §7.4); the test
/// examples never are.
/// </summary>
/// <param name="Train">The training split (the fitted and, with early stopping, validation examples).</param>
/// <param name="Test">The held-out test split.</param>
/// <param name="Image">The shape of one image.</param>
public sealed record TrainingData(Dataset Train, Dataset Test, ImageShape Image)
{
    /// <summary>Fraction of the digits used for training; the rest is the test split.</summary>
    public const double DigitsTrainFraction = 0.8;

    /// <summary>Offset of the augmentation's random stream from the run's seed (the weights use the seed itself).</summary>
    private const long AugmentationSeedOffset = 2_000_003L;

    /// <summary>The splits of <paramref name="settings"/>' data set, for <paramref name="settings"/>' model and augmentation.</summary>
    public static TrainingData Load(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var kind = settings.Dataset;
        bool flat = settings.Model.TakesFlatInputs();
        var (train, test) = kind == DatasetKind.Digits
            ? Datasets.Digits(images: true).Split(DigitsTrainFraction, seed: settings.Seed)
            : (Read(kind, settings.DataRoot, train: true), Read(kind, settings.DataRoot, train: false));
        Dataset fitted = settings.Augment
            ? new TransformedDataset(train, Augmentation(kind, flat), settings.Seed + AugmentationSeedOffset)
            : Inputs(train, flat);
        return new(fitted, Inputs(test, flat), kind.ImageShape());
    }

    /// <summary>
    /// Just the test split that <see cref="Load"/> gives for <paramref name="seed"/> (for <c>sharpgrad eval</c>), without
    /// reading the training files of the large sets.
    /// </summary>
    public static Dataset TestSplit(DatasetKind kind, string? root, int seed, bool flat) => Inputs(
        kind == DatasetKind.Digits ? Datasets.Digits(images: true).Split(DigitsTrainFraction, seed: seed).Test : Read(kind, root, train: false),
        flat);

    /// <summary>
    /// <c>--augment</c>: a random crop of the zero-padded image (a shift of up to <see cref="DatasetKinds.CropPadding"/>
    /// pixels), then a mirror image with probability ½ where that keeps the class; last, for an MLP, the flattening.
    /// </summary>
    public static Transform Augmentation(DatasetKind kind, bool flat)
    {
        var image = kind.ImageShape();
        var steps = new List<Transform> { new RandomCrop(image.Height, image.Width, kind.CropPadding()) };
        if (kind.MirrorKeepsClass()) steps.Add(new RandomHorizontalFlip());
        if (flat) steps.Add(new FlattenImages());
        return new Compose([.. steps]);
    }

    /// <summary>The examples with flattened images for an MLP, or as they are.</summary>
    private static Dataset Inputs(Dataset images, bool flat) => flat ? new TransformedDataset(images, new FlattenImages()) : images;

    private static TensorDataset Read(DatasetKind kind, string? root, bool train) => kind switch
    {
        DatasetKind.FashionMnist => Datasets.FashionMnist(root, train),
        // The command line asks for --data-root with mnist; this keeps a direct caller's mistake a clear one.
        DatasetKind.Mnist => Datasets.Mnist(root ?? throw new ArgumentException("TrainingData: --dataset mnist needs --data-root DIR."), train),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "TrainingData: the digits are split, not read."),
    };
}
