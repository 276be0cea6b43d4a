using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>Softmax(dim) → Softmax(axis = dim) (opset 13 and later normalise along one axis, as PyTorch does).</summary>
internal static class SoftmaxExporter
{
    public static string Softmax(OnnxGraphBuilder graph, Softmax softmax, string path, string input)
    {
        if (softmax.Beta != 1)
            throw LayerExporter.Unsupported(softmax, path, $"beta={softmax.Beta} (a scaled softmax) is not exported; only beta=1");
        return graph.Node("Softmax", path, [input], OnnxAttribute.Of("axis", (long)softmax.Dim));
    }
}
