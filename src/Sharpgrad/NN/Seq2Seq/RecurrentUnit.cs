namespace Sharpgrad.NN;

/// <summary>The recurrent layer of a <see cref="Seq2SeqEncoder"/>: PyTorch's <c>nn.GRU</c> or <c>nn.LSTM</c>.</summary>
public enum RecurrentUnit
{
    Gru,
    Lstm,
}
