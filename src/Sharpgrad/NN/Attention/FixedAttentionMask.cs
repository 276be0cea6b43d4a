namespace Sharpgrad.NN;

/// <summary>
/// The self-attention mask an adapter (<see cref="SelfAttention"/>, <see cref="SequenceEncoder"/>) applies on every call:
/// none, the causal mask built for each input's length (so the length may vary), or a constant [L, L] mask with
/// <see cref="MultiheadAttention"/>'s polarity (bool true = may not attend; a float mask is added to the logits).
/// </summary>
internal sealed record FixedAttentionMask(bool Causal, Tensor? Constant)
{
    public static FixedAttentionMask Create(string module, bool causal, Tensor? mask)
    {
        if (causal && mask is not null)
            throw new ArgumentException($"{module}: give either causal: true or a constant mask, not both.");
        if (mask is not null && (mask.Rank != 2 || mask.Size(0) != mask.Size(1)))
            throw new ArgumentException($"{module}: a constant mask must be square [L, L], got {mask.ShapeText}.");
        return new FixedAttentionMask(causal, mask);
    }

    /// <summary>The mask for an input with <paramref name="steps"/> steps, or null for none.</summary>
    public Tensor? For(string module, int steps, DType dtype)
    {
        if (Causal) return AttentionMasks.Causal(steps, steps, dtype);
        if (Constant is not null && Constant.Size(0) != steps)
            throw new ArgumentException($"{module}: the constant mask is [{Constant.Size(0)}, {Constant.Size(1)}] but the input has {steps} steps.");
        return Constant;
    }

    /// <summary>The steps of a [T, N, E] input, [N, T, E] with batchFirst, or unbatched [T, E].</summary>
    public static int Steps(Tensor input, bool batchFirst) => input.Size(input.Rank == 3 && batchFirst ? 1 : 0);

    public string Repr() => Causal ? "causal=True" : Constant is null ? "" : $"mask={Constant.ShapeText}";
}
