using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Flatten(startDim, -1) → ONNX Flatten(axis = startDim), which makes a 2-D [prod(before), prod(from axis)] tensor;
/// the two agree when startDim is 1, as in every zoo model (the batch dim stays first).
/// </summary>
internal static class FlattenExporter
{
    public static string Export(OnnxGraphBuilder graph, Flatten flatten, string path, string input)
    {
        if (flatten.StartDim != 1 || flatten.EndDim != -1)
            throw LayerExporter.Unsupported(flatten, path,
                $"Flatten({flatten.StartDim}, {flatten.EndDim}) is not Flatten(1, -1), the form ONNX Flatten expresses");
        return KeepBatch(graph, path, input);
    }

    /// <summary>x.Flatten(1): [N, …] → [N, prod(…)], as the zoo's models do before their classifier.</summary>
    public static string KeepBatch(OnnxGraphBuilder graph, string path, string input) =>
        graph.Node("Flatten", path, [input], OnnxAttribute.Of("axis", 1L));
}
