namespace Sharpgrad.NN;

/// <summary>
/// The masks of a Transformer decoder layer (nn.TransformerDecoderLayer's tgt_mask, memory_mask,
/// tgt_key_padding_mask, memory_key_padding_mask), with <see cref="MultiheadAttention"/>'s shapes and polarity:
/// bool true = may not attend, float masks are added. <see cref="Transformer.GenerateSquareSubsequentMask"/> makes the
/// usual causal TgtMask.
/// </summary>
public sealed record DecoderMasks
{
    /// <summary>Self-attention mask [T, T] (or [N·nhead, T, T]); the causal mask keeps the decoder from seeing ahead.</summary>
    public Tensor? TgtMask { get; init; }

    /// <summary>Cross-attention mask [T, S] (or [N·nhead, T, S]).</summary>
    public Tensor? MemoryMask { get; init; }

    /// <summary>[N, T]: true marks padded target positions.</summary>
    public Tensor? TgtKeyPaddingMask { get; init; }

    /// <summary>[N, S]: true marks padded source positions.</summary>
    public Tensor? MemoryKeyPaddingMask { get; init; }
}
