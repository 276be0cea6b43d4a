using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>Linear → Gemm: y = x·Wᵀ + b, with W stored as [out, in] as PyTorch does (transB = 1).</summary>
internal static class LinearExporter
{
    public static string Export(OnnxGraphBuilder graph, Linear linear, string path, string input)
    {
        string weight = graph.Initializer(LayerExporter.Key(path, "weight"), linear.Weight);
        string[] inputs = linear.Bias is { } bias
            ? [input, weight, graph.Initializer(LayerExporter.Key(path, "bias"), bias)]
            : [input, weight];
        return graph.Node("Gemm", path, inputs, OnnxAttribute.Of("transB", 1L));
    }
}
