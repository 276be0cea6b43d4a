namespace Sharpgrad.NN;

/// <summary>
/// The six masks of nn.Transformer's forward: the encoder's (SrcMask, SrcKeyPaddingMask) and the decoder's
/// (<see cref="DecoderMasks"/>), with <see cref="MultiheadAttention"/>'s shapes and polarity (bool true = may not attend).
/// </summary>
public sealed record TransformerMasks
{
    /// <summary>Encoder self-attention mask [S, S] (or [N·nhead, S, S]).</summary>
    public Tensor? SrcMask { get; init; }

    /// <summary>[N, S]: true marks padded source positions for the encoder.</summary>
    public Tensor? SrcKeyPaddingMask { get; init; }

    /// <summary>The decoder's masks: target self-attention, memory attention and their key-padding masks.</summary>
    public DecoderMasks? Decoder { get; init; }
}
