using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>Conv2d → Conv with the same kernel, strides, dilations, groups and explicit pads.</summary>
internal static class ConvExporter
{
    public static string Export(OnnxGraphBuilder graph, Conv2d conv, string path, string input)
    {
        if (conv.PaddingMode != PaddingMode.Zeros)
            throw LayerExporter.Unsupported(conv, path, $"padding mode {conv.PaddingMode} has no ONNX Conv equivalent (only zeros)");
        var (before, after) = conv.Padding.Resolve(conv.KernelSize, conv.Dilation, conv.Stride, "ExportOnnx");
        string[] inputs = LayerExporter.WeightInputs(graph, path, input, conv.Weight, conv.Bias);
        return graph.Node("Conv", path, inputs,
            OnnxAttribute.Of("kernel_shape", conv.KernelSize),
            OnnxAttribute.Of("strides", conv.Stride),
            OnnxAttribute.Of("dilations", conv.Dilation),
            OnnxAttribute.Of("group", (long)conv.Groups),
            OnnxAttribute.Of("pads", [.. before, .. after]));   // ONNX order: all begins, then all ends
    }
}
