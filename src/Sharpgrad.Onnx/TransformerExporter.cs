using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// <see cref="SequenceEncoder"/>: a TransformerEncoderLayer or a TransformerEncoder stack (Vaswani et al. 2017 §3.1),
/// written batch-first with <see cref="AttentionExporter"/>'s self-attention, LayerNormalization and the feed-forward
/// block's MatMuls. Post-norm is LayerNorm(x + f(x)); pre-norm (normFirst) is x + f(LayerNorm(x)). One mask value is
/// built for the whole stack.
/// </summary>
internal static class TransformerExporter
{
    public static string Encoder(OnnxGraphBuilder graph, SequenceEncoder adapter, string path, string input)
    {
        string encoderPath = LayerExporter.Key(path, "encoder");
        return AttentionExporter.InBatchFirstLayout(graph, path, input, adapter.BatchFirst, graph.InputShape(adapter), x =>
        {
            string? mask = AttentionExporter.Mask(graph, path, adapter.Causal, adapter.Mask, x);
            return adapter.Encoder switch
            {
                TransformerEncoderLayer layer => Layer(graph, layer, encoderPath, x, mask),
                TransformerEncoder stack => Stack(graph, stack, encoderPath, x, mask),
                var other => throw LayerExporter.Unsupported(other, encoderPath, "it is not a TransformerEncoderLayer or TransformerEncoder"),
            };
        });
    }

    /// <summary>
    /// <see cref="TransformerTextEncoder"/>: the padding is found in the graph from the ids (Equal to paddingIdx), as
    /// the key mask [N, 1, 1, T] (−∞ at padding, broadcast over heads and queries) and as the weights of the mean
    /// over the real tokens, Σ_t x_t·real_t / Σ_t real_t.
    /// </summary>
    public static string TextEncoder(OnnxGraphBuilder graph, TransformerTextEncoder model, string path, string input)
    {
        string padding = graph.Node("Equal", path, [input, graph.Int64Scalar(model.PaddingIdx)]);
        string additive = graph.Node("Where", path, [padding, graph.Constant(double.NegativeInfinity), graph.Constant(0)]);
        string keyMask = graph.Node("Unsqueeze", path, [additive, graph.Int64s(1, 2)]);
        string x = LayerExporter.Export(graph, model.Embedding, LayerExporter.Key(path, "embedding"), input);
        if (model.Positions is { } positions) x = LayerExporter.Export(graph, positions, LayerExporter.Key(path, "positions"), x);
        x = Stack(graph, model.Encoder, LayerExporter.Key(path, "encoder"), x, keyMask);

        string real = graph.Node("Cast", path, [graph.Node("Not", path, [padding])], OnnxAttribute.Of("to", 1L));   // float [N, T]
        string weighted = graph.Node("Mul", path, [x, graph.Node("Unsqueeze", path, [real, graph.Int64s(2)])]);
        string sum = graph.Node("ReduceSum", path, [weighted, graph.Int64s(1)], OnnxAttribute.Of("keepdims", 0L));
        string count = graph.Node("ReduceSum", path, [real, graph.Int64s(1)], OnnxAttribute.Of("keepdims", 1L));
        return graph.Node("Div", path, [sum, count]);
    }

    private static string Stack(OnnxGraphBuilder graph, TransformerEncoder stack, string path, string x, string? mask)
    {
        for (int i = 0; i < stack.Layers.Count; i++)
            x = Layer(graph, stack.Layers[i], LayerExporter.Key(path, $"layers.{i}"), x, mask);
        return stack.Norm is null ? x : NormalizationExporter.LayerNorm(graph, stack.Norm, LayerExporter.Key(path, "norm"), x);
    }

    private static string Layer(OnnxGraphBuilder graph, TransformerEncoderLayer layer, string path, string x, string? mask)
    {
        string Norm(LayerNorm norm, string name, string value) => NormalizationExporter.LayerNorm(graph, norm, LayerExporter.Key(path, name), value);
        string Residual(LayerNorm norm, string name, string value, Func<string, string> sublayer) => layer.NormFirst
            ? graph.Node("Add", path, [value, sublayer(Norm(norm, name, value))])
            : Norm(norm, name, graph.Node("Add", path, [value, sublayer(value)]));

        string attended = Residual(layer.Norm1, "norm1", x, h => AttentionExporter.Attend(graph, layer.SelfAttn, LayerExporter.Key(path, "self_attn"), h, mask));
        return Residual(layer.Norm2, "norm2", attended, h => FeedForward(graph, layer, path, h));
    }

    /// <summary>FFN(x) = W₂·φ(W₁x + b₁) + b₂ (Vaswani et al. eq. 2), φ = ReLU or the exact GELU.</summary>
    private static string FeedForward(OnnxGraphBuilder graph, TransformerEncoderLayer layer, string path, string x)
    {
        string widePath = LayerExporter.Key(path, "linear1");
        string wide = LinearExporter.Applied(graph, widePath, x, layer.Linear1.Weight, layer.Linear1.Bias);
        string activated = layer.Activation == TransformerActivation.Gelu
            ? ActivationExporter.Gelu(graph, tanhApproximation: false, widePath, wide)
            : graph.Node("Relu", widePath, [wide]);
        return LinearExporter.Applied(graph, LayerExporter.Key(path, "linear2"), activated, layer.Linear2.Weight, layer.Linear2.Bias);
    }
}
