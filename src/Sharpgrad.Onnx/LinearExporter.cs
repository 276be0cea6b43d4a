using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>Linear → Gemm: y = x·Wᵀ + b, with W stored as [out, in] as PyTorch does (transB = 1).</summary>
internal static class LinearExporter
{
    public static string Export(OnnxGraphBuilder graph, Linear linear, string path, string input)
    {
        string[] inputs = LayerExporter.WeightInputs(graph, path, input, linear.Weight, linear.Bias);
        return graph.Node("Gemm", path, inputs, OnnxAttribute.Of("transB", 1L));
    }
}
