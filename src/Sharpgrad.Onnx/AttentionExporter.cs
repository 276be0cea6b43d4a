using Sharpgrad.NN;

namespace Sharpgrad.Onnx;

/// <summary>
/// Multi-head self-attention in opset 17's primitive operators (Vaswani et al. 2017 §3.2; NYU notes week 12), on a
/// batch-first value [N, L, E]: the packed input projection (MatMul with in_proj_weightᵀ, Add in_proj_bias), Split into
/// q, k, v, Reshape to [N, L, h, d] and Transpose to heads [N, h, L, d], logits (q/√d)·kᵀ (scaled before the product,
/// as Sharpgrad and PyTorch do), the additive mask, Softmax over the keys, the weighted sum of the values, the heads
/// side by side again, and out_proj. Dynamic batch and length survive: every Reshape copies N and L (a 0 in its shape).
/// </summary>
internal static class AttentionExporter
{
    public static string SelfAttention(OnnxGraphBuilder graph, SelfAttention adapter, string path, string input) =>
        InBatchFirstLayout(graph, path, input, adapter.Attention.BatchFirst, graph.InputShape(adapter), x =>
            Attend(graph, adapter.Attention, LayerExporter.Key(path, "attn"), x, Mask(graph, path, adapter.Causal, adapter.Mask, x)));

    /// <summary>
    /// Runs <paramref name="body"/> on the input as [N, L, E]: a time-first [L, N, E] input is transposed in and out, an
    /// unbatched [L, E] one gets a batch dim of 1 and loses it again.
    /// </summary>
    public static string InBatchFirstLayout(OnnxGraphBuilder graph, string path, string input, bool batchFirst, int[]? sampleShape,
        Func<string, string> body)
    {
        if (sampleShape is { Length: 2 })
            return graph.Node("Squeeze", path, [body(graph.Node("Unsqueeze", path, [input, graph.Int64s(0)])), graph.Int64s(0)]);
        if (batchFirst) return body(input);
        return graph.Transpose(path, body(graph.Transpose(path, input, 1, 0, 2)), 1, 0, 2);
    }

    /// <summary>
    /// The additive self-attention mask for a batch-first value <paramref name="x"/> [N, L, E], or null for none. The
    /// causal one is built in the graph for each input's L, so the length stays dynamic: −∞ expanded to [L, L], then
    /// Trilu keeps it strictly above the diagonal (key j &gt; query i) and zeroes the rest. A constant mask becomes an
    /// initializer (bool true → −∞, nn.MultiheadAttention's polarity).
    /// </summary>
    public static string? Mask(OnnxGraphBuilder graph, string path, bool causal, Tensor? constant, string x)
    {
        if (constant is not null)
            return graph.Initializer(LayerExporter.Key(path, "onnx_attn_mask"),
                AttentionMasks.AdditiveUnchecked(nameof(SelfAttention), constant, attendWhere: false, DType.Float32, "mask"));
        if (!causal) return null;
        string steps = graph.Node("Shape", path, [x], OnnxAttribute.Of("start", 1L), OnnxAttribute.Of("end", 2L));
        string square = graph.Concat(path, [steps, steps], 0);
        string blocked = graph.Node("Expand", path, [graph.Constant(double.NegativeInfinity), square]);
        return graph.Node("Trilu", path, [blocked, graph.Int64Scalar(1)], OnnxAttribute.Of("upper", 1L));
    }

    /// <summary>Self-attention of <paramref name="x"/> [N, L, E] with an optional additive mask [L, L]; returns [N, L, E].</summary>
    public static string Attend(OnnxGraphBuilder graph, MultiheadAttention attention, string path, string x, string? mask)
    {
        if (attention.InProjWeight is null)
            throw LayerExporter.Unsupported(attention, path, $"kdim={attention.KDim} or vdim={attention.VDim} differs from embedDim={attention.EmbedDim}, which self-attention cannot use");
        if (attention.BiasK is not null || attention.AddZeroAttn)
            throw LayerExporter.Unsupported(attention, path, "addBiasKV and addZeroAttn (extra key/value positions) are not exported");
        int e = attention.EmbedDim, heads = attention.NumHeads, d = attention.HeadDim;
        string packed = LinearExporter.Applied(graph, path, x, attention.InProjWeight, attention.InProjBias, "in_proj_weight", "in_proj_bias");
        var qkv = graph.MultiOutputNode("Split", path, [packed, graph.Int64s(e, e, e)], 3, OnnxAttribute.Of("axis", -1L));
        string Heads(string value, params int[] perm) => graph.Transpose(path, graph.Node("Reshape", path, [value, graph.Int64s(0, 0, heads, d)]), perm);

        string query = graph.Node("Mul", path, [Heads(qkv[0], 0, 2, 1, 3), graph.Constant(1 / Math.Sqrt(d))]);
        string logits = graph.Node("MatMul", path, [query, Heads(qkv[1], 0, 2, 3, 1)]);                  // [N, h, L, L]
        if (mask is not null) logits = graph.Node("Add", path, [logits, mask]);
        string weights = graph.Node("Softmax", path, [logits], OnnxAttribute.Of("axis", -1L));
        string attended = graph.Node("MatMul", path, [weights, Heads(qkv[2], 0, 2, 1, 3)]);             // [N, h, L, d]
        string concatenated = graph.Node("Reshape", path, [graph.Transpose(path, attended, 0, 2, 1, 3), graph.Int64s(0, 0, e)]);
        var outProj = attention.OutProj;
        return LinearExporter.Applied(graph, LayerExporter.Key(path, "out_proj"), concatenated, outProj.Weight, outProj.Bias);
    }
}
