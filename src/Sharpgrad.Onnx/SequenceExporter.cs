using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// The small sequence modules around the recurrent and attention layers: positional encodings and sequence pooling.
/// Both read the input's length from the graph (Shape), so the sequence axis may stay dynamic.
/// </summary>
internal static class SequenceExporter
{
    /// <summary>
    /// y = x + P[0:T] (Vaswani et al. §3.5): the table is an initializer under its state-dict key (<c>pe</c> or
    /// <c>weight</c>), sliced to the input's T rows and, for time-first [T, N, d], given a batch dim to broadcast over.
    /// Dropout is the identity at inference.
    /// </summary>
    public static string Positional(OnnxGraphBuilder graph, PositionalEncoding encoding, string path, string input)
    {
        var (name, table) = encoding.NamedParameters().Concat(encoding.NamedBuffers()).Single();
        int rank = graph.InputShape(encoding)?.Length ?? 3;
        int timeDim = rank == 3 && encoding.BatchFirst ? 1 : 0;
        string steps = graph.Node("Shape", path, [input], OnnxAttribute.Of("start", (long)timeDim), OnnxAttribute.Of("end", timeDim + 1L));
        string rows = graph.Node("Slice", path, [graph.Initializer(LayerExporter.Key(path, name), table), graph.Int64s(0), steps, graph.Int64s(0)]);
        if (rank == 3 && !encoding.BatchFirst) rows = graph.Node("Unsqueeze", path, [rows, graph.Int64s(1)]);
        return graph.Node("Add", path, [input, rows]);
    }

    /// <summary>Mean → ReduceMean over the time dim; First and Last → Gather of index 0 or −1, which drops the dim.</summary>
    public static string Pooling(OnnxGraphBuilder graph, SequencePooling pooling, string path, string input) => pooling.Mode switch
    {
        SequencePoolingMode.Mean => graph.Node("ReduceMean", path, [input], OnnxAttribute.Of("axes", [pooling.TimeDim]), OnnxAttribute.Of("keepdims", 0L)),
        SequencePoolingMode.First => graph.Node("Gather", path, [input, graph.Int64Scalar(0)], OnnxAttribute.Of("axis", (long)pooling.TimeDim)),
        _ => graph.Node("Gather", path, [input, graph.Int64Scalar(-1)], OnnxAttribute.Of("axis", (long)pooling.TimeDim)),
    };
}
