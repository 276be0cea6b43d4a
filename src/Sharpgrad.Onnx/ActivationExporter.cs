using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// The activation modules. Where opset 17 has the function as one operator (LeakyRelu, Elu, Celu, Selu, Softsign,
/// HardSigmoid, HardSwish, Shrink) it is used with PyTorch's constants; the rest are written with the elementary
/// operators of their definitions (GELU through Erf, SiLU as x·σ(x), Mish as x·tanh(softplus(x)), Hardtanh and ReLU6
/// as Clip), which ONNX Runtime evaluates to float32 rounding of the same formula.
/// </summary>
internal static class ActivationExporter
{
    /// <summary>The value the module produces, or null when <paramref name="module"/> is not an activation handled here.</summary>
    public static string? TryExport(OnnxGraphBuilder graph, Module module, string path, string input) => module switch
    {
        ReLU => graph.Node("Relu", path, [input]),
        Sigmoid => graph.Node("Sigmoid", path, [input]),
        Tanh => graph.Node("Tanh", path, [input]),
        LeakyReLU leaky => graph.Node("LeakyRelu", path, [input], OnnxAttribute.Of("alpha", (float)leaky.NegativeSlope)),
        ELU elu => graph.Node("Elu", path, [input], OnnxAttribute.Of("alpha", (float)elu.Alpha)),
        CELU celu => graph.Node("Celu", path, [input], OnnxAttribute.Of("alpha", (float)celu.Alpha)),
        // ONNX's defaults are PyTorch's α and λ rounded to float32 (Klambauer et al. 2017).
        SELU => graph.Node("Selu", path, [input]),
        Softsign => graph.Node("Softsign", path, [input]),
        Softplus softplus => Softplus(graph, softplus, path, input),
        // PyTorch: relu6(x + 3)/6 for Hardsigmoid, x·that for Hardswish; ONNX: max(0, min(1, αx + β)) with α = 1/6, β = ½.
        Hardsigmoid => graph.Node("HardSigmoid", path, [input], OnnxAttribute.Of("alpha", 1f / 6), OnnxAttribute.Of("beta", 0.5f)),
        Hardswish => graph.Node("HardSwish", path, [input]),
        Hardtanh hardtanh => Clip(graph, path, input, hardtanh.Min, hardtanh.Max),
        ReLU6 => Clip(graph, path, input, 0, 6),
        SiLU => graph.Node("Mul", path, [input, graph.Node("Sigmoid", path, [input])]),
        Mish => graph.Node("Mul", path, [input, graph.Node("Tanh", path, [graph.Node("Softplus", path, [input])])]),
        Tanhshrink => graph.Node("Sub", path, [input, graph.Node("Tanh", path, [input])]),
        // Shrink: x − bias if x > λ, x + bias if x < −λ, else 0.
        Softshrink soft => graph.Node("Shrink", path, [input], OnnxAttribute.Of("lambd", (float)soft.Lambda), OnnxAttribute.Of("bias", (float)soft.Lambda)),
        Hardshrink hard => graph.Node("Shrink", path, [input], OnnxAttribute.Of("lambd", (float)hard.Lambda)),
        GELU gelu => Gelu(graph, gelu.Approximate == "tanh", path, input),
        PReLU prelu => PRelu(graph, prelu, path, input),
        Softmin softmin => graph.Node("Softmax", path, [graph.Node("Neg", path, [input])], OnnxAttribute.Of("axis", (long)softmin.Dim)),
        _ => null,
    };

    /// <summary>
    /// softplus_β(x) = log(1 + e^{βx})/β. PyTorch returns x itself where βx exceeds the threshold (20 by default); ONNX
    /// Softplus has no threshold, and there the two differ by less than e^{−20}·x/β, below float32's resolution of x.
    /// </summary>
    private static string Softplus(OnnxGraphBuilder graph, Softplus softplus, string path, string input)
    {
        if (softplus.Beta == 1) return graph.Node("Softplus", path, [input]);
        string beta = graph.Constant(softplus.Beta);
        return graph.Node("Div", path, [graph.Node("Softplus", path, [graph.Node("Mul", path, [input, beta])]), beta]);
    }

    private static string Clip(OnnxGraphBuilder graph, string path, string input, double min, double max) =>
        graph.Node("Clip", path, [input, graph.Constant(min), graph.Constant(max)]);

    /// <summary>
    /// GELU(x) = x·Φ(x) = ½x(1 + erf(x/√2)) (Hendrycks and Gimpel 2016), or with approximate "tanh"
    /// ½x(1 + tanh(√(2/π)(x + 0.044715x³))); opset 17 has no Gelu operator (it came in opset 20).
    /// </summary>
    public static string Gelu(OnnxGraphBuilder graph, bool tanhApproximation, string path, string input)
    {
        string inner = tanhApproximation
            ? graph.Node("Tanh", path, [graph.Node("Mul", path, [graph.Constant(Math.Sqrt(2 / Math.PI)),
                graph.Node("Add", path, [input, graph.Node("Mul", path, [graph.Constant(0.044715),
                    graph.Node("Pow", path, [input, graph.Constant(3)])])])])])
            : graph.Node("Erf", path, [graph.Node("Mul", path, [input, graph.Constant(1 / Math.Sqrt(2))])]);
        string onePlus = graph.Node("Add", path, [graph.Constant(1), inner]);
        return graph.Node("Mul", path, [graph.Node("Mul", path, [graph.Constant(0.5), input]), onePlus]);
    }

    /// <summary>
    /// PReLU with one slope → PRelu with a [1] slope, which broadcasts over any input. Per-channel slopes act on dim 1,
    /// which ONNX's trailing-dims broadcasting can express only with the input's rank, which a walk by type does not
    /// know; they are refused rather than guessed.
    /// </summary>
    private static string PRelu(OnnxGraphBuilder graph, PReLU prelu, string path, string input)
    {
        if (prelu.Weight.Count != 1)
            throw LayerExporter.Unsupported(prelu, path,
                $"per-channel slopes (num_parameters={prelu.Weight.Count}) need the input's rank to broadcast over dim 1; only one shared slope is exported");
        return graph.Node("PRelu", path, [input, graph.Initializer(LayerExporter.Key(path, "weight"), prelu.Weight)]);
    }
}
