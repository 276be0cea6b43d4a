using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// LayerNorm → LayerNormalization (opset 17): normalise over the trailing dims of <c>normalized_shape</c>
/// (axis = −len), then scale and shift elementwise (Ba et al. 2016). Without affine parameters the scale is ones.
/// </summary>
internal static class NormalizationExporter
{
    public static string LayerNorm(OnnxGraphBuilder graph, LayerNorm norm, string path, string input)
    {
        string scale = graph.Initializer(LayerExporter.Key(path, "weight"), norm.Weight ?? Tensor.Ones(norm.NormalizedShape, DType.Float32));
        string[] inputs = norm.Bias is null ? [input, scale] : [input, scale, graph.Initializer(LayerExporter.Key(path, "bias"), norm.Bias)];
        return graph.Node("LayerNormalization", path, inputs,
            OnnxAttribute.Of("axis", (long)-norm.NormalizedShape.Length),
            OnnxAttribute.Of("epsilon", (float)norm.Eps));
    }
}
