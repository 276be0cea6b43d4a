namespace Sharpgrad.NN;

/// <summary>
/// What the decoder of an <see cref="AttentionSeq2Seq"/> reads from the source: the encoder's annotations (the keys and
/// values of attention, [N, S, D·H]), their projection W₁h by the attention layer [N, S, A], computed once, the
/// key-padding mask (bool [N, S], true at padding) and the decoder's initial state.
/// </summary>
public sealed record EncodedSource(Tensor Keys, Tensor ProjectedKeys, Tensor? PaddingMask, DecoderState InitialState)
{
    /// <summary>Row <paramref name="index"/> alone, batch dimension kept, for decoding one sentence.</summary>
    public EncodedSource Row(int index) => new(Keys.Narrow(0, index, 1), ProjectedKeys.Narrow(0, index, 1),
        PaddingMask?.Narrow(0, index, 1), InitialState.Row(index));
}
