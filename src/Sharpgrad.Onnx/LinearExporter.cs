using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Linear → Gemm: y = x·Wᵀ + b, with W stored as [out, in] as PyTorch does (transB = 1). Gemm takes only 2-D inputs, so
/// a Linear applied to every step of a sequence ([N, T, in], as a tagger's or a Transformer's) becomes MatMul with Wᵀ
/// then Add, which broadcast over the leading dims.
/// </summary>
internal static class LinearExporter
{
    public static string Export(OnnxGraphBuilder graph, Linear linear, string path, string input)
    {
        if (graph.InputShape(linear) is { Length: not 2 })
            return Applied(graph, path, input, linear.Weight, linear.Bias);
        string[] inputs = LayerExporter.WeightInputs(graph, path, input, linear.Weight, linear.Bias);
        return graph.Node("Gemm", path, inputs, OnnxAttribute.Of("transB", 1L));
    }

    /// <summary>
    /// x·Wᵀ + b for an input of any rank ≥ 2, with W and b stored under their state-dict keys; Wᵀ is a Transpose node
    /// of the initializer, which ONNX Runtime folds once at load time.
    /// </summary>
    public static string Applied(OnnxGraphBuilder graph, string path, string input, Tensor weight, Tensor? bias, string weightName = "weight",
        string biasName = "bias")
    {
        string transposed = graph.Node("Transpose", path, [graph.Initializer(LayerExporter.Key(path, weightName), weight)]);
        string product = graph.Node("MatMul", path, [input, transposed]);
        return bias is null ? product : graph.Node("Add", path, [product, graph.Initializer(LayerExporter.Key(path, biasName), bias)]);
    }
}
