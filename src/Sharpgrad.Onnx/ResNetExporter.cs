using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// The zoo's ResNet with basic blocks (ResNet-18/34, the CIFAR ResNets with option-B shortcuts). The blocks' layers are
/// private, so they are found by their registered (torchvision) names; the forward passes are repeated here node for node.
/// </summary>
internal static class ResNetExporter
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
        var children = block.NamedChildren().ToDictionary(c => c.Name, c => c.Module);
        string Apply(string name, string value) => LayerExporter.Export(graph, children[name], LayerExporter.Key(path, name), value);

        string residual = Apply("bn2", Apply("conv2", graph.Node("Relu", path, [Apply("bn1", Apply("conv1", input))])));
        string shortcut = children.ContainsKey("downsample") ? Apply("downsample", input) : input;
        return graph.Node("Relu", path, [graph.Node("Add", path, [residual, shortcut])]);
    }
}
