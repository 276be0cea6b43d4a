using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// <see cref="RecurrentOutput"/> → ONNX's LSTM, GRU or RNN operator, one node per layer (a multi-layer stack is stacked
/// nodes, each reading the previous one's output), with direction "bidirectional" for a bidirectional layer.
/// ONNX stores each layer's weights as W [D, G·H, in], R [D, G·H, H] and B [D, 2·G·H] (the input biases, then the
/// recurrent ones) and orders the gates differently from PyTorch: LSTM i, o, f, c for PyTorch's i, f, g, o; GRU z, r, h
/// for r, z, n. The blocks of H rows are reordered here, and the results are stored under derived names
/// (<c>rnn.onnx_W_l0</c>, …), not under the state-dict keys. GRU's <c>linear_before_reset = 1</c> is PyTorch's form,
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) (GBC §10.10.2 applies r before the product; PyTorch and cuDNN after).
/// The nodes are time-first; a batch-first layer is wrapped in Transposes (ONNX Runtime does not run layout = 1).
/// </summary>
internal static class RecurrentExporter
{
    /// <summary>The ONNX operator, and for each of its gates (in ONNX's order) the index of PyTorch's gate block.</summary>
    private sealed record Mapping(string OpType, int[] GateOrder, int HiddenSize, string[]? Activations);

    public static string Export(OnnxGraphBuilder graph, RecurrentOutput adapter, string path, string input)
    {
        string layerPath = LayerExporter.Key(path, "rnn");
        var mapping = Map(adapter.Layer, layerPath);
        if (graph.InputShape(adapter) is { Length: not 3 } shape)
            throw LayerExporter.Unsupported(adapter, path,
                $"the recurrent layer is exported for batched input [T, N, in] or [N, T, in], got a sample of shape {ShapeUtil.Format(shape)}");
        var parameters = adapter.Layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        string[] suffixes = adapter.Bidirectional ? ["", "_reverse"] : [""];
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Of("hidden_size", (long)mapping.HiddenSize),
            OnnxAttribute.Of("direction", adapter.Bidirectional ? "bidirectional" : "forward"),
        };
        if (mapping.OpType == "GRU") attributes.Add(OnnxAttribute.Of("linear_before_reset", 1L));
        if (mapping.Activations is { } activations)
            attributes.Add(OnnxAttribute.Of("activations", suffixes.SelectMany(_ => activations)));

        string x = adapter.BatchFirst ? graph.Transpose(path, input, 1, 0, 2) : input;
        string finalHidden = "";
        for (int layer = 0; layer < adapter.NumLayers; layer++)
        {
            Tensor Stacked(string name, Func<Tensor, Tensor> reorder) =>
                Tensor.Stack([.. suffixes.Select(s => reorder(parameters[$"{name}_l{layer}{s}"]))], 0);
            Tensor Gates(Tensor t) => Reorder(t, mapping);
            string Weight(string name, Tensor value) => graph.Initializer(LayerExporter.Key(layerPath, $"onnx_{name}_l{layer}"), value);

            var inputs = new List<string> { x, Weight("W", Stacked("weight_ih", Gates)), Weight("R", Stacked("weight_hh", Gates)) };
            bool hasBias = parameters.ContainsKey($"bias_ih_l{layer}");
            inputs.Add(hasBias
                ? Weight("B", Tensor.Stack([.. suffixes.Select(s => Tensor.Cat([Gates(parameters[$"bias_ih_l{layer}{s}"]), Gates(parameters[$"bias_hh_l{layer}{s}"])], 0))], 0))
                : "");
            if (parameters.ContainsKey($"weight_ci_l{layer}"))
            {
                // ONNX's P holds the peepholes of i, o and f, in that order; both apply them as Gers & Schmidhuber do:
                // i and f see c_{t−1}, o sees c_t.
                inputs.AddRange(["", "", ""]);
                inputs.Add(Weight("P", Tensor.Stack([.. suffixes.Select(s => Tensor.Cat(
                    [parameters[$"weight_ci_l{layer}{s}"], parameters[$"weight_co_l{layer}{s}"], parameters[$"weight_cf_l{layer}{s}"]], 0))], 0)));
            }
            while (inputs[^1].Length == 0) inputs.RemoveAt(inputs.Count - 1);

            // Y [T, D, N, H] → [T, N, D, H] → [T, N, D·H]: the directions side by side, as PyTorch's output.
            var outputs = graph.MultiOutputNode(mapping.OpType, layerPath, [.. inputs], 2, [.. attributes]);
            x = graph.Node("Reshape", layerPath, [graph.Transpose(layerPath, outputs[0], 0, 2, 1, 3), graph.Int64s(0, 0, -1)]);
            finalHidden = outputs[1];
        }

        return adapter.Readout switch
        {
            RecurrentReadout.Sequence => adapter.BatchFirst ? graph.Transpose(path, x, 1, 0, 2) : x,
            RecurrentReadout.LastStep => graph.Node("Gather", path, [x, graph.Int64Scalar(-1)], OnnxAttribute.Of("axis", 0L)),
            // Y_h [D, N, H] → [N, D, H] → [N, D·H].
            _ => graph.Node("Reshape", path, [graph.Transpose(path, finalHidden, 1, 0, 2), graph.Int64s(0, -1)]),
        };
    }

    private static Mapping Map(Module layer, string path) => layer switch
    {
        LSTM { ProjSize: > 0 } lstm => throw LayerExporter.Unsupported(lstm, path,
            $"projSize={lstm.ProjSize} (an LSTM with a projection, Sak et al. 2014) has no ONNX LSTM form"),
        LSTM lstm => new Mapping("LSTM", [0, 3, 1, 2], lstm.HiddenSize, null),
        GRU gru => new Mapping("GRU", [1, 0, 2], gru.HiddenSize, null),
        RNN rnn => new Mapping("RNN", [0], rnn.HiddenSize, [rnn.Nonlinearity == RnnNonlinearity.Relu ? "Relu" : "Tanh"]),
        _ => throw LayerExporter.Unsupported(layer, path, "only LSTM, GRU and RNN are recurrent layers ONNX has operators for"),
    };

    /// <summary>The blocks of H rows of a gate-stacked weight or bias, in ONNX's gate order.</summary>
    private static Tensor Reorder(Tensor stacked, Mapping mapping) =>
        Tensor.Cat([.. mapping.GateOrder.Select(g => stacked.Narrow(0, g * mapping.HiddenSize, mapping.HiddenSize))], 0);
}
