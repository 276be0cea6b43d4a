using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>MaxPool2d → MaxPool, AvgPool2d → AveragePool, global and adaptive-to-1×1 average → GlobalAveragePool.</summary>
internal static class PoolExporter
{
    public static string Max(OnnxGraphBuilder graph, MaxPool2d pool, string path, string input) =>
        graph.Node("MaxPool", path, [input],
            OnnxAttribute.Of("kernel_shape", pool.KernelSize),
            OnnxAttribute.Of("strides", pool.Stride),
            OnnxAttribute.Of("dilations", pool.Dilation),
            OnnxAttribute.Of("pads", [.. pool.Padding, .. pool.Padding]),
            OnnxAttribute.Of("ceil_mode", pool.CeilMode ? 1L : 0L));

    public static string Average(OnnxGraphBuilder graph, AvgPool2d pool, string path, string input)
    {
        if (pool.DivisorOverride is { } divisor)
            throw LayerExporter.Unsupported(pool, path, $"divisor_override={divisor} has no ONNX AveragePool equivalent");
        return graph.Node("AveragePool", path, [input],
            OnnxAttribute.Of("kernel_shape", pool.KernelSize),
            OnnxAttribute.Of("strides", pool.Stride),
            OnnxAttribute.Of("pads", [.. pool.Padding, .. pool.Padding]),
            OnnxAttribute.Of("ceil_mode", pool.CeilMode ? 1L : 0L),
            OnnxAttribute.Of("count_include_pad", pool.CountIncludePad ? 1L : 0L));
    }

    public static string AdaptiveAverage(OnnxGraphBuilder graph, AdaptiveAvgPool2d pool, string path, string input)
    {
        if (pool.OutputSize.Any(s => s != 1))
            throw LayerExporter.Unsupported(pool, path,
                $"output size {SpatialSizeText(pool.OutputSize)} is not 1×1 (only that is a fixed ONNX op, GlobalAveragePool)");
        return graph.Node("GlobalAveragePool", path, [input]);
    }

    /// <summary>GlobalAvgPool without keepDims gives [N, C]: GlobalAveragePool's [N, C, 1, 1] flattened from axis 1.</summary>
    public static string Global(OnnxGraphBuilder graph, GlobalAvgPool pool, string path, string input)
    {
        string pooled = graph.Node("GlobalAveragePool", path, [input]);
        return pool.KeepDims ? pooled : FlattenExporter.KeepBatch(graph, path, pooled);
    }

    private static string SpatialSizeText(int[] sizes) => "[" + string.Join(", ", sizes) + "]";
}
