using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// Builds each <see cref="ModelKind"/> for a data set's images. <c>sharpgrad train</c> and <c>sharpgrad eval</c>
/// both build here, so a saved model is always rebuilt with the architecture it was trained with. Each kind's
/// command-line name is its <see cref="ModelRegistry"/> name, and the convolutional ones are built by the registry,
/// so <c>train --model cnn</c> and <c>summary --model cnn</c> are one model under one name.
/// </summary>
public static class ModelKinds
{
    /// <summary>Classes of every data set <c>sharpgrad train</c> offers.</summary>
    public const int Classes = 10;

    /// <summary>The name of the kind on the command line and in <see cref="ModelRegistry"/>: "mlp", "cnn", "lenet5".</summary>
    public static string RegistryName(this ModelKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Whether the model reads each image as one flat vector (an MLP) rather than as [C, H, W].</summary>
    public static bool TakesFlatInputs(this ModelKind kind) => kind == ModelKind.Mlp;

    /// <summary>
    /// Null when <paramref name="kind"/> can read images of <paramref name="image"/>'s shape, else why not. The
    /// convolutional models were designed for one image size: their first Linear layer's width depends on it.
    /// </summary>
    public static string? Incompatibility(this ModelKind kind, ImageShape image) => kind switch
    {
        ModelKind.Cnn when image != new ImageShape(1, 8, 8) => $"--model cnn reads 1×8×8 images (--dataset digits), not {image}",
        ModelKind.Lenet5 when image.Height != 28 || image.Width != 28 => $"--model lenet5 reads 28×28 images (--dataset fashion-mnist or mnist), not {image}",
        _ => null,
    };

    /// <summary>
    /// The untrained model: for <see cref="ModelKind.Mlp"/> <see cref="MlpClassifier.Build"/> with <paramref name="hidden"/>
    /// and <paramref name="dropout"/> on the flattened image, for the others the model zoo's architecture (which takes
    /// neither).
    /// </summary>
    public static Sequential Build(this ModelKind kind, ImageShape image, IReadOnlyList<int> hidden, Generator generator,
        double dropout = 0, Generator? dropoutGenerator = null)
    {
        if (kind.Incompatibility(image) is { } problem) throw new ArgumentException($"ModelKinds.Build: {problem}.");
        return kind switch
        {
            ModelKind.Mlp => MlpClassifier.Build(hidden, generator, dropout, dropoutGenerator, image.Size),
            ModelKind.Cnn or ModelKind.Lenet5 => (Sequential)ModelRegistry.Create(kind.RegistryName(), [image.Channels, image.Height, image.Width], Classes, generator),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "ModelKinds.Build: unknown model."),
        };
    }
}
