using Sharpgrad.Data;

namespace Sharpgrad.Cli.Experiments;

/// <summary>
/// The images an image experiment trains and tests on, [N, 1, side, side] in [0, 1] with labels 0..9: the bundled
/// 8×8 digits for the quick mode (no package needed, seconds), or the first images of Fashion-MNIST's own train and
/// test files for the full mode, as the books use it. Networks size themselves from <see cref="Side"/>.
/// </summary>
public sealed record ExperimentImages(string Name, TensorDataset Train, TensorDataset Test)
{
    /// <summary>The images' height and width: 8 for digits, 28 for Fashion-MNIST.</summary>
    public int Side => Train.Inputs.Size(-1);

    /// <summary>The bundled digits as images, split at random into a training part of the given fraction and a test part.</summary>
    public static ExperimentImages Digits(double trainFraction, long seed)
    {
        var (train, test) = Datasets.Digits(images: true).Split(trainFraction, seed);
        return new("digits", train, test);
    }

    /// <summary>
    /// The first <paramref name="trainSize"/> training and <paramref name="testSize"/> test images of Fashion-MNIST
    /// (the files are already in random class order). Where the package is not installed the MissingData-marked error
    /// propagates, so that <c>experiments run --all</c> skips the experiment and says which package to install.
    /// </summary>
    public static ExperimentImages FashionMnist(int trainSize, int testSize) =>
        new("Fashion-MNIST", First(Datasets.FashionMnist(train: true), trainSize), First(Datasets.FashionMnist(train: false), testSize));

    private static TensorDataset First(TensorDataset data, int count) =>
        count > 0 && count <= data.Count
            ? new TensorDataset(data.Inputs.Narrow(0, 0, count), data.Targets.Narrow(0, 0, count))
            : throw new ArgumentOutOfRangeException(nameof(count), $"ExperimentImages: asked for {count} images of a set of {data.Count}; expected 1..{data.Count}.");
}
