using Sharpgrad.Cli.Commands;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// The data sets <c>sharpgrad train --dataset</c> accepts, spelled as on the command line (<c>digits</c>,
/// <c>fashion-mnist</c>, <c>mnist</c>). How each is read and split is in <see cref="TrainingData"/>.
/// </summary>
public enum DatasetKind
{
    /// <summary>The bundled UCI 8×8 digits, split 80/20 into training and test examples by <c>--seed</c>.</summary>
    Digits,

    /// <summary>Fashion-MNIST's official 60000/10000 train/test files (28×28), by default from the Debian package's directory.</summary>
    [ChoiceName("fashion-mnist")]
    FashionMnist,

    /// <summary>MNIST's official 60000/10000 train/test files (28×28), from the directory given with <c>--data-root</c>.</summary>
    Mnist,
}

/// <summary>The shape of one image of each data set and how augmentation may change it.</summary>
public static class DatasetKinds
{
    /// <summary>The [C, H, W] shape of one image.</summary>
    public static ImageShape ImageShape(this DatasetKind kind) => kind switch
    {
        DatasetKind.Digits => new(1, 8, 8),
        DatasetKind.FashionMnist or DatasetKind.Mnist => new(1, 28, 28),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "ImageShape: unknown data set."),
    };

    /// <summary>
    /// Whether a mirror image keeps its class, so <c>--augment</c> may flip it (GBC §7.4): a mirrored shirt is still a
    /// shirt, but a mirrored 2, 3, 4, 5, 7 or 9 is not a digit, so neither digit set is flipped.
    /// </summary>
    public static bool MirrorKeepsClass(this DatasetKind kind) => kind == DatasetKind.FashionMnist;

    /// <summary>
    /// How many zero pixels <c>--augment</c>'s random crop pads each side with, so images shift by up to that many
    /// pixels: 2 on 28×28 images, 1 on the 8×8 digits, each of whose pixels summarises a 4×4 block of the original
    /// 32×32 bitmap (a 1-pixel shift there is a 4-pixel shift of the handwriting).
    /// </summary>
    public static int CropPadding(this DatasetKind kind) => kind == DatasetKind.Digits ? 1 : 2;

    /// <summary>The names of the ten classes, indexed by label, for plots.</summary>
    public static IReadOnlyList<string> ClassNames(this DatasetKind kind) =>
        kind == DatasetKind.FashionMnist ? Data.Datasets.FashionMnistClasses : [.. Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>Whether the data set has a directory the user must name with <c>--data-root</c> (no default location).</summary>
    public static bool NeedsDataRoot(this DatasetKind kind) => kind == DatasetKind.Mnist;
}

/// <summary>The [C, H, W] shape of one image.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per image: the input width of an MLP that reads the image flattened.</summary>
    public int Size => Channels * Height * Width;

    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
