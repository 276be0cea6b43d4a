using Sharpgrad.IO;
using Sharpgrad.Onnx;
using Spectre.Console;

namespace Sharpgrad.Cli.Training;

/// <summary>
/// Rebuilds a model saved by <c>sharpgrad train</c> (as <c>eval</c> does) and exports it to ONNX. The sample input that
/// fixes the graph's shapes is one example of the data set the model was trained on — [1, C·H·W] for the MLP, [1, C, H, W]
/// for the convolutional models — and the batch dim stays symbolic, so the file takes any batch size.
/// </summary>
public sealed class ExportJob(IAnsiConsole console)
{
    /// <summary>Writes <paramref name="outputPath"/>; a failure leaves no file behind (the export writes atomically).</summary>
    public void Run(string modelFile, string outputPath)
    {
        var file = SafeTensors.LoadWithMetadata(modelFile);
        var metadata = ModelMetadata.Parse(file.Metadata, modelFile);
        var model = SavedModel.Load(file, metadata, modelFile, console);
        var image = metadata.Dataset.ImageShape();
        int[] sampleShape = metadata.Model.TakesFlatInputs() ? [1, image.Size] : [1, image.Channels, image.Height, image.Width];
        try
        {
            model.ExportOnnx(outputPath, Tensor.Zeros(sampleShape));
        }
        catch (NotSupportedException e)
        {
            // An unmappable layer is a property of the model file, not a bug: one line that names the module.
            throw new InvalidDataException($"{modelFile}: {e.Message}", e);
        }
        console.MarkupLine($"wrote [blue]{Markup.Escape(outputPath)}[/]: {Markup.Escape(metadata.Model.ToString())} for input [[batch, {string.Join(", ", sampleShape.Skip(1))}]] (ONNX opset {OnnxExport.SupportedOpset}).");
    }
}
