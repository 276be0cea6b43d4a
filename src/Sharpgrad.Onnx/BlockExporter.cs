using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// The zoo's composite models and blocks. Their layers are private, so they are found by their registered
/// (torchvision) names, and each forward pass is repeated here node for node; the parity tests hold the two together.
/// </summary>
internal static class BlockExporter
{
    /// <summary>Children in registration order are the forward order; the input of fc is flattened from dim 1.</summary>
    public static string Network(OnnxGraphBuilder graph, ResNet resnet, string path, string input)
    {
        string value = input;
        foreach (var (name, child) in resnet.NamedChildren())
        {
            if (ReferenceEquals(child, resnet.Fc))
                value = FlattenExporter.KeepBatch(graph, path, value);
            value = LayerExporter.Export(graph, child, LayerExporter.Key(path, name), value);
        }
        return value;
    }

    /// <summary>y = ReLU(bn2(conv2(ReLU(bn1(conv1(x))))) + shortcut(x)) (He et al. 2016, Fig. 2; GBC §9).</summary>
    public static string Block(OnnxGraphBuilder graph, BasicBlock block, string path, string input)
    {
        var apply = Children(graph, block, path);
        string residual = apply("bn2", apply("conv2", Relu(graph, path, apply("bn1", apply("conv1", input)))));
        return Relu(graph, path, graph.Node("Add", path, [residual, Shortcut(apply, block, input)]));
    }

    /// <summary>The 1×1 → 3×3 → 1×1 bottleneck: y = ReLU(bn3(conv3(…)) + shortcut(x)) (He et al. 2016, Fig. 5).</summary>
    public static string Bottleneck(OnnxGraphBuilder graph, Bottleneck block, string path, string input)
    {
        var apply = Children(graph, block, path);
        string x = Relu(graph, path, apply("bn1", apply("conv1", input)));
        x = Relu(graph, path, apply("bn2", apply("conv2", x)));
        return Relu(graph, path, graph.Node("Add", path, [apply("bn3", apply("conv3", x)), Shortcut(apply, block, input)]));
    }

    /// <summary>
    /// The pre-activation block (He et al. 2016b): a = ReLU(bn1(x)); y = conv2(ReLU(bn2(conv1(a)))) + (downsample(a) or x).
    /// </summary>
    public static string PreActivation(OnnxGraphBuilder graph, PreActBlock block, string path, string input)
    {
        var apply = Children(graph, block, path);
        string activated = Relu(graph, path, apply("bn1", input));
        string residual = apply("conv2", Relu(graph, path, apply("bn2", apply("conv1", activated))));
        string shortcut = HasChild(block, "downsample") ? apply("downsample", activated) : input;
        return graph.Node("Add", path, [residual, shortcut]);
    }

    /// <summary>The input's channels followed by the new features (Huang et al. 2017): Concat along dim 1.</summary>
    public static string DenseLayer(OnnxGraphBuilder graph, DenseLayer layer, string path, string input)
    {
        var apply = Children(graph, layer, path);
        string bottleneck = apply("conv1", Relu(graph, path, apply("norm1", input)));
        string features = apply("conv2", Relu(graph, path, apply("norm2", bottleneck)));
        return graph.Concat(path, [input, features], 1);
    }

    /// <summary>pool(conv(ReLU(norm(x)))), between dense blocks.</summary>
    public static string Transition(OnnxGraphBuilder graph, Transition transition, string path, string input)
    {
        var apply = Children(graph, transition, path);
        return apply("pool", apply("conv", Relu(graph, path, apply("norm", input))));
    }

    /// <summary>classifier(flatten(global-average-pool(ReLU(features(x))))).</summary>
    public static string DenseNet(OnnxGraphBuilder graph, DenseNet network, string path, string input)
    {
        var apply = Children(graph, network, path);
        string pooled = graph.Node("GlobalAveragePool", path, [Relu(graph, path, apply("features", input))]);
        return apply("classifier", FlattenExporter.KeepBatch(graph, path, pooled));
    }

    /// <summary>The four branches of an Inception module, concatenated along the channels (Szegedy et al. 2015).</summary>
    public static string Inception(OnnxGraphBuilder graph, InceptionModule module, string path, string input)
    {
        var apply = Children(graph, module, path);
        return graph.Concat(path, [.. module.NamedChildren().Select(c => apply(c.Name, input))], 1);
    }

    /// <summary>
    /// Option A's parameter-free shortcut: every stride-th pixel (Slice with steps), and the extra channels as zeros
    /// split before and after (Pad; ONNX lists all begins, then all ends).
    /// </summary>
    public static string ZeroPad(OnnxGraphBuilder graph, ZeroPadShortcut shortcut, string path, string input)
    {
        string subsampled = graph.Node("Slice", path,
            [input, graph.Int64s(0, 0), graph.Int64s(long.MaxValue, long.MaxValue), graph.Int64s(2, 3), graph.Int64s(shortcut.Stride, shortcut.Stride)]);
        int extra = shortcut.OutChannels - shortcut.InChannels;
        return graph.Node("Pad", path, [subsampled, graph.Int64s(0, extra / 2, 0, 0, 0, extra - extra / 2, 0, 0)]);
    }

    private static string Relu(OnnxGraphBuilder graph, string path, string value) => graph.Node("Relu", path, [value]);

    private static bool HasChild(Module module, string name) => module.NamedChildren().Any(c => c.Name == name);

    private static string Shortcut(Func<string, string, string> apply, Module block, string input) =>
        HasChild(block, "downsample") ? apply("downsample", input) : input;

    /// <summary>Applies a named child of <paramref name="module"/> to a value, under the child's state-dict path.</summary>
    private static Func<string, string, string> Children(OnnxGraphBuilder graph, Module module, string path)
    {
        var children = module.NamedChildren().ToDictionary(c => c.Name, c => c.Module);
        return (name, value) => LayerExporter.Export(graph, children[name], LayerExporter.Key(path, name), value);
    }
}
