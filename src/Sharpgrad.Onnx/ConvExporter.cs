using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Conv1d/2d/3d → Conv and ConvTranspose1d/2d/3d → ConvTranspose, with the same kernel, strides, dilations, groups and
/// explicit pads. Both libraries store the weights alike: [out, in/groups, k…] for Conv, [in, out/groups, k…] for
/// ConvTranspose.
/// </summary>
internal static class ConvExporter
{
    public static string Export(OnnxGraphBuilder graph, ConvNd conv, string path, string input)
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

    /// <summary>
    /// The transposed convolution (GBC §9.5's gradient of a convolution) with PyTorch's padding p removed from both ends
    /// of each output dim and output_padding added at the end, which is what ONNX's pads and output_padding mean.
    /// </summary>
    public static string Transposed(OnnxGraphBuilder graph, ConvTransposeNd conv, string path, string input)
    {
        string[] inputs = LayerExporter.WeightInputs(graph, path, input, conv.Weight, conv.Bias);
        return graph.Node("ConvTranspose", path, inputs,
            OnnxAttribute.Of("kernel_shape", conv.KernelSize),
            OnnxAttribute.Of("strides", conv.Stride),
            OnnxAttribute.Of("dilations", conv.Dilation),
            OnnxAttribute.Of("group", (long)conv.Groups),
            OnnxAttribute.Of("output_padding", conv.OutputPadding),
            OnnxAttribute.Of("pads", [.. conv.Padding, .. conv.Padding]));
    }
}
