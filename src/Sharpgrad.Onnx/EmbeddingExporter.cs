using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Embedding → Gather(weight, indices, axis = 0): the table's row for every index, so int64 indices [N, T] give
/// [N, T, E] (GBC §12.4.2). The padding row is an ordinary (zero) row of the table at inference.
/// </summary>
internal static class EmbeddingExporter
{
    public static string Export(OnnxGraphBuilder graph, Embedding embedding, string path, string input)
    {
        if (embedding.MaxNorm is double limit)
            throw LayerExporter.Unsupported(embedding, path,
                $"maxNorm={limit} rescales the looked-up rows of the table in place at every call, which a Gather of constant weights cannot do; build the model without maxNorm to export it");
        string weight = graph.Initializer(LayerExporter.Key(path, "weight"), embedding.Weight);
        return graph.Node("Gather", path, [weight, input], OnnxAttribute.Of("axis", 0L));
    }
}
