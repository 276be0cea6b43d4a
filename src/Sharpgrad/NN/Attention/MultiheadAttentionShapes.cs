namespace Sharpgrad.NN;

/// <summary>
/// The shape checks of <see cref="MultiheadAttention"/> and the merge of its two masks into one additive mask that
/// broadcasts over the logits [N, H, L, S]: the attention mask [L, S] or [N·H, L, S] (viewed [N, H, L, S]) plus the
/// key-padding mask [N, S] (viewed [N, 1, 1, S]), each bool true → −∞ (PyTorch's polarity) or a float added.
/// </summary>
internal readonly record struct MultiheadAttentionShapes(bool Batched, int N, int L, int S)
{
    public static MultiheadAttentionShapes Check(MultiheadAttention m, Tensor query, Tensor key, Tensor value)
    {
        string layout = m.BatchFirst ? "[N, L, E]" : "[L, N, E]";
        if (query.Rank is not (2 or 3) || key.Rank != query.Rank || value.Rank != query.Rank)
            throw new ArgumentException(
                $"{Name(m)}: query, key and value must all be 3-D {layout} or all 2-D unbatched [L, E], got {query.ShapeText}, {key.ShapeText} and {value.ShapeText}.");
        RequireWidth(m, "query", query, m.EmbedDim, "E = embedDim");
        RequireWidth(m, "key", key, m.KDim, "kdim");
        RequireWidth(m, "value", value, m.VDim, "vdim");
        bool batched = query.Rank == 3;
        int seqDim = batched && m.BatchFirst ? 1 : 0, batchDim = 1 - seqDim;
        if (key.Size(seqDim) != value.Size(seqDim) || batched && key.Size(batchDim) != value.Size(batchDim))
            throw new ArgumentException(
                $"{Name(m)}: key {key.ShapeText} and value {value.ShapeText} must have the same sequence length and batch size.");
        if (batched && query.Size(batchDim) != key.Size(batchDim))
            throw new ArgumentException(
                $"{Name(m)}: query {query.ShapeText} and key {key.ShapeText} have different batch sizes (dim {batchDim} of {layout}).");
        return new(batched, batched ? query.Size(batchDim) : 1, query.Size(seqDim), key.Size(seqDim));
    }

    /// <summary>The merged additive mask, or null when there is none.</summary>
    public static Tensor? Mask(MultiheadAttention m, MultiheadAttentionShapes s, AttentionOptions options, DType dtype)
    {
        Tensor? merged = null;
        if (options.AttnMask is { } attn)
        {
            int[] flat = [s.N * m.NumHeads, s.L, s.S];
            bool fits = attn.Rank == 2 ? attn.Size(0) == s.L && attn.Size(1) == s.S : attn.Rank == 3 && attn.Shape.SequenceEqual(flat);
            if (!fits)
                throw new ArgumentException(
                    $"{Name(m)}: attnMask must be [L, S] = [{s.L}, {s.S}] or [N·numHeads, L, S] = {ShapeUtil.Format(flat)}, got {attn.ShapeText}.");
            merged = AttentionMasks.AdditiveUnchecked(Name(m), attn, attendWhere: false, dtype, "attnMask");
            if (attn.Rank == 3) merged = merged.View(s.N, m.NumHeads, s.L, s.S);
        }
        if (options.KeyPaddingMask is { } padding)
        {
            bool fits = s.Batched ? padding.Rank == 2 && padding.Size(0) == s.N && padding.Size(1) == s.S : padding.Rank == 1 && padding.Size(0) == s.S;
            if (!fits)
                throw new ArgumentException(
                    $"{Name(m)}: keyPaddingMask must be {(s.Batched ? $"[N, S] = [{s.N}, {s.S}]" : $"[S] = [{s.S}]")} (batch size and key length), got {padding.ShapeText}.");
            var additive = AttentionMasks.AdditiveUnchecked(Name(m), padding, attendWhere: false, dtype, "keyPaddingMask").View(s.N, 1, 1, s.S);
            merged = merged is null ? additive : merged + additive;
        }
        return merged;
    }

    private static void RequireWidth(MultiheadAttention m, string what, Tensor x, int width, string name)
    {
        if (x.Size(-1) != width)
            throw new ArgumentException($"{Name(m)}: {what} must have {width} features ({name}) in its last dim, got shape {x.ShapeText}.");
    }

    private static string Name(MultiheadAttention m) => $"MultiheadAttention(embedDim={m.EmbedDim}, numHeads={m.NumHeads})";
}
