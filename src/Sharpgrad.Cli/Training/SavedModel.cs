using Sharpgrad.IO;
using Sharpgrad.NN;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// Rebuilds the model a file saved by <c>sharpgrad train</c> describes and loads its weights, turning every way the
/// weights and the metadata can disagree into an <see cref="InvalidDataException"/> that names the file (so
/// <c>eval</c> prints one line), and warning about weights that are NaN or infinite.
/// </summary>
public static class SavedModel
{
    public static Sequential Load(SafeTensorsFile file, ModelMetadata metadata, string path, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(metadata);
        var image = metadata.Dataset.ImageShape();
        if (metadata.Model.Incompatibility(image) is { } problem)
            throw new InvalidDataException($"{path}: the metadata names a model and data set that do not go together: {problem}.");
        if (metadata.Model == ModelKind.Mlp) CheckMlpSize(file, metadata, image, path);

        var model = metadata.Model.Build(image, metadata.Hidden, new Generator(0), metadata.Dropout);
        StateDictFit.CheckDTypes(model, file.Tensors, path);
        try
        {
            model.LoadStateDict(file.Tensors);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: the weights do not fit the model its metadata describes: {e.Message}", e);
        }
        foreach (var (name, tensor) in file.Tensors)
            if (tensor.DType.IsFloatingPoint() && double.IsNaN((tensor.Double() - tensor.Double()).Sum().Item<double>()))
                console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(path)}: tensor '{Markup.Escape(name)}' holds NaN or infinite values; the model's outputs will be too.");
        return model;
    }

    /// <summary>Models up to this size are built and left to LoadStateDict, whose message names the keys and shapes.</summary>
    private const long CheapToBuild = 10_000_000;

    /// <summary>
    /// An MLP the metadata describes with more parameters than the file holds values (and too many to build cheaply)
    /// is reported before it is built, so that metadata such as hidden=1000000000 does not allocate billions of weights.
    /// </summary>
    private static void CheckMlpSize(SafeTensorsFile file, ModelMetadata metadata, ImageShape image, string path)
    {
        long parameters = 0, inputs = image.Size;
        foreach (long width in metadata.Hidden.Append(ModelKinds.Classes))
        {
            parameters += inputs * width + width; // weight [width, inputs] and bias [width]
            inputs = width;
        }
        long stored = file.Tensors.Values.Sum(t => (long)t.Count);
        if (parameters > Math.Max(stored, CheapToBuild))
            throw new InvalidDataException(
                $"{path}: metadata hidden={string.Join(",", metadata.Hidden)} describes an MLP with {parameters} parameters, but the file holds {stored} values; the metadata does not match the weights.");
    }
}
