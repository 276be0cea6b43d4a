using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Maps one module to ONNX nodes by its type, given the name of the value it reads, and returns the name of the value
/// it produces. Containers recurse; a module with no mapping is an error that names it. The model is in eval mode
/// here, so Dropout is the identity and BatchNorm uses its running statistics.
/// </summary>
internal static class LayerExporter
{
    public static string Export(OnnxGraphBuilder graph, Module module, string path, string input) => module switch
    {
        Sequential sequential => ExportSequential(graph, sequential, path, input),
        ResNet resnet => BlockExporter.Network(graph, resnet, path, input),
        BasicBlock block => BlockExporter.Block(graph, block, path, input),
        Bottleneck block => BlockExporter.Bottleneck(graph, block, path, input),
        PreActBlock block => BlockExporter.PreActivation(graph, block, path, input),
        ZeroPadShortcut shortcut => BlockExporter.ZeroPad(graph, shortcut, path, input),
        DenseNet network => BlockExporter.DenseNet(graph, network, path, input),
        DenseLayer layer => BlockExporter.DenseLayer(graph, layer, path, input),
        Transition transition => BlockExporter.Transition(graph, transition, path, input),
        InceptionModule inception => BlockExporter.Inception(graph, inception, path, input),
        Vgg vgg => VggExporter.Export(graph, vgg, path, input),
        Linear linear => LinearExporter.Export(graph, linear, path, input),
        ConvNd conv => ConvExporter.Export(graph, conv, path, input),
        ConvTransposeNd conv => ConvExporter.Transposed(graph, conv, path, input),
        MaxPool2d pool => PoolExporter.Max(graph, pool, path, input),
        AvgPool2d pool => PoolExporter.Average(graph, pool, path, input),
        AdaptiveAvgPool2d pool => PoolExporter.AdaptiveAverage(graph, pool, path, input),
        GlobalAvgPool pool => PoolExporter.Global(graph, pool, path, input),
        BatchNorm2d norm => BatchNormExporter.Export(graph, norm, path, input),
        Flatten flatten => FlattenExporter.Export(graph, flatten, path, input),
        LayerNorm norm => NormalizationExporter.LayerNorm(graph, norm, path, input),
        Softmax softmax => SoftmaxExporter.Softmax(graph, softmax, path, input),
        LogSoftmax logSoftmax => graph.Node("LogSoftmax", path, [input], OnnxAttribute.Of("axis", (long)logSoftmax.Dim)),
        Embedding embedding => EmbeddingExporter.Export(graph, embedding, path, input),
        RecurrentOutput recurrent => RecurrentExporter.Export(graph, recurrent, path, input),
        SelfAttention attention => AttentionExporter.SelfAttention(graph, attention, path, input),
        SequenceEncoder encoder => TransformerExporter.Encoder(graph, encoder, path, input),
        TransformerTextEncoder encoder => TransformerExporter.TextEncoder(graph, encoder, path, input),
        PositionalEncoding encoding => SequenceExporter.Positional(graph, encoding, path, input),
        SequencePooling pooling => SequenceExporter.Pooling(graph, pooling, path, input),
        Dropout or Dropout2d or Identity => input,
        _ => ActivationExporter.TryExport(graph, module, path, input) ?? throw Unsupported(module, path, "it has no ONNX mapping yet"),
    };

    /// <summary>The error for a module (or one of its settings) that cannot be written as ONNX.</summary>
    public static NotSupportedException Unsupported(Module module, string path, string why) =>
        new($"ExportOnnx: module '{Display(path)}' ({module.GetType().Name}) cannot be exported: {why}.");

    private static string ExportSequential(OnnxGraphBuilder graph, Sequential sequential, string path, string input)
    {
        string value = input;
        foreach (var (name, child) in sequential.NamedChildren())
            value = Export(graph, child, Key(path, name), value);
        return value;
    }

    private static string Display(string path) => path.Length == 0 ? "<root>" : path;

    /// <summary>The inputs of Gemm and Conv: the value, then the weight and the bias (if any) as initializers.</summary>
    public static string[] WeightInputs(OnnxGraphBuilder graph, string path, string input, Tensor weight, Tensor? bias) =>
        bias is null
            ? [input, graph.Initializer(Key(path, "weight"), weight)]
            : [input, graph.Initializer(Key(path, "weight"), weight), graph.Initializer(Key(path, "bias"), bias)];

    /// <summary>A child's path, or the initializer name of a parameter, matching the state-dict key ("0.weight").</summary>
    public static string Key(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
