namespace Sharpgrad.NN;

/// <summary>
/// The recurrent state of an <see cref="AttentionDecoder"/>: the hidden state sᵢ [N, Hd], which is attention's query,
/// and for an LSTM decoder its memory cell [N, Hd] (null for a GRU, whose state is sᵢ alone).
/// </summary>
public sealed record DecoderState(Tensor Hidden, Tensor? Cell)
{
    /// <summary>Row <paramref name="index"/> alone, batch dimension kept.</summary>
    public DecoderState Row(int index) => new(Hidden.Narrow(0, index, 1), Cell?.Narrow(0, index, 1));
}
