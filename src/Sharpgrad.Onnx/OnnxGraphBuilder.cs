using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Collects the nodes and initializers (the weights, stored in the file) of one graph while the exporter walks a
/// model, and hands out unique value names.
/// </summary>
internal sealed class OnnxGraphBuilder(IReadOnlyDictionary<Module, int[]>? inputShapes = null)
{
    private readonly List<OnnxNode> nodes = [];
    private readonly List<(string Name, Tensor Value)> initializers = [];
    private int counter;

    public IReadOnlyList<OnnxNode> Nodes => nodes;
    public IReadOnlyList<(string Name, Tensor Value)> Initializers => initializers;

    /// <summary>Stores a weight as an initializer named after the module path (e.g. "0.weight") and returns the name.</summary>
    public string Initializer(string name, Tensor value)
    {
        initializers.Add((name, value));
        return name;
    }

    /// <summary>
    /// A scalar constant (a 0-d float32 initializer) for the arithmetic some layers are written with, e.g. GELU's 1/√2;
    /// named "const_{id}" so that several in one module do not clash with each other or with state-dict keys.
    /// </summary>
    public string Constant(double value) => Initializer($"const_{counter++}", Tensor.Scalar(value, DType.Float32));

    /// <summary>A 1-D int64 constant, for the index arguments of Slice and Pad.</summary>
    public string Int64s(params long[] values) => Initializer($"const_{counter++}", Tensor.From(values));

    /// <summary>A 0-d int64 constant, e.g. the index of a Gather that drops the indexed axis.</summary>
    public string Int64Scalar(long value) => Initializer($"const_{counter++}", Tensor.Scalar(value, DType.Int64));

    /// <summary>Permutes the dims of a value (e.g. [N, T, E] → [T, N, E]).</summary>
    public string Transpose(string scope, string input, params int[] perm) => Node("Transpose", scope, [input], OnnxAttribute.Of("perm", perm));

    /// <summary>Adds a node with several inputs computed the same way, e.g. a Concat of branches along <paramref name="axis"/>.</summary>
    public string Concat(string scope, string[] inputs, int axis) => Node("Concat", scope, inputs, OnnxAttribute.Of("axis", (long)axis));

    /// <summary>Gives the graph's final value a fixed name (e.g. "output") through an Identity node.</summary>
    public void NameValue(string value, string name) =>
        nodes.Add(new OnnxNode("Identity", name, [value], [name], []));

    /// <summary>Adds a node with one output and returns that output's name.</summary>
    public string Node(string opType, string scope, string[] inputs, params OnnxAttribute[] attributes) =>
        MultiOutputNode(opType, scope, inputs, 1, attributes)[0];

    /// <summary>
    /// Adds a node with <paramref name="outputs"/> outputs (e.g. a recurrent node's Y, Y_h and Y_c) and returns their
    /// names. An empty input name stands for an optional input left out, as onnx.proto specifies.
    /// </summary>
    public string[] MultiOutputNode(string opType, string scope, string[] inputs, int outputs, params OnnxAttribute[] attributes)
    {
        int id = counter++;
        string[] names = [.. Enumerable.Range(0, outputs).Select(i => outputs == 1 ? $"{opType.ToLowerInvariant()}_{id}" : $"{opType.ToLowerInvariant()}_{id}_{i}")];
        nodes.Add(new OnnxNode(opType, $"{scope}/{opType}_{id}", inputs, names, attributes));
        return names;
    }

    /// <summary>
    /// The shape of the tensor <paramref name="module"/> received when the sample input ran through the model, or null
    /// when it was not called with one tensor. Exporters whose ONNX form depends on the rank (Gemm needs 2-D) ask here.
    /// </summary>
    public int[]? InputShape(Module module) => inputShapes is not null && inputShapes.TryGetValue(module, out var shape) ? shape : null;
}
