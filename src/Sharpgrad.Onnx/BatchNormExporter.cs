using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>BatchNorm2d in eval mode → BatchNormalization with the running mean and variance (GBC §8.7.1).</summary>
internal static class BatchNormExporter
{
    public static string Export(OnnxGraphBuilder graph, BatchNorm2d norm, string path, string input)
    {
        if (norm.RunningMean is not { } mean || norm.RunningVar is not { } variance)
            throw LayerExporter.Unsupported(norm, path,
                "it tracks no running statistics, so in eval mode it normalises by the batch's own (ONNX's inference op needs fixed ones)");
        // Without affine parameters the layer is the same as one with scale 1 and shift 0.
        Tensor scale = norm.Weight ?? Tensor.Ones(norm.NumFeatures);
        Tensor shift = norm.Bias ?? Tensor.Zeros(norm.NumFeatures);
        return graph.Node("BatchNormalization", path,
            [input,
             graph.Initializer(LayerExporter.Key(path, "weight"), scale),
             graph.Initializer(LayerExporter.Key(path, "bias"), shift),
             graph.Initializer(LayerExporter.Key(path, "running_mean"), mean),
             graph.Initializer(LayerExporter.Key(path, "running_var"), variance)],
            OnnxAttribute.Of("epsilon", (float)norm.Eps));
    }
}
