using Sharpgrad.Models;

namespace Sharpgrad.Onnx;

/// <summary>The zoo's VGG: features → adaptive average pool → flatten from dim 1 → classifier, as its forward pass.</summary>
internal static class VggExporter
{
    public static string Export(OnnxGraphBuilder graph, Vgg vgg, string path, string input)
    {
        string features = LayerExporter.Export(graph, vgg.Features, LayerExporter.Key(path, "features"), input);
        string pooled = LayerExporter.Export(graph, vgg.AvgPool, LayerExporter.Key(path, "avgpool"), features);
        return LayerExporter.Export(graph, vgg.Classifier, LayerExporter.Key(path, "classifier"),
            FlattenExporter.KeepBatch(graph, path, pooled));
    }
}
