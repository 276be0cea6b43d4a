namespace Sharpgrad.NN;

/// <summary>
/// The encoder of a sequence-to-sequence model (Sutskever et al. 2014; Bahdanau et al. 2015 §3.2; Buduma ch7): an
/// embedding, then a batch-first GRU or LSTM, bidirectional as in Bahdanau et al. so that each annotation hₛ summarises
/// the words on both sides of position s. Input int64 tokens [N, S]; outputs the annotations [N, S, D·H] (D = 2 when
/// bidirectional) and a summary [N, D·H]: the last layer's final hidden state of each direction, concatenated.
/// Children: <c>embedding</c>, <c>rnn</c> (a PyTorch <c>nn.GRU</c>/<c>nn.LSTM</c> with <c>batch_first=True</c>).
/// </summary>
public sealed class Seq2SeqEncoder : Module<Tensor, (Tensor Annotations, Tensor Summary)>
{
    private readonly GRU? gru;
    private readonly LSTM? lstm;

    public Embedding Embedding { get; }

    public int HiddenSize { get; }

    public int Directions { get; }

    /// <summary>D·H, the size of one annotation.</summary>
    public int OutputSize => Directions * HiddenSize;

    public Seq2SeqEncoder(int vocabularySize, int embeddingDim, int hiddenSize, RecurrentUnit kind = RecurrentUnit.Gru, bool bidirectional = true,
        int numLayers = 1, int? paddingIdx = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        Embedding = RegisterModule("embedding", new Embedding(vocabularySize, embeddingDim, paddingIdx, dtype: dtype, generator: generator));
        (HiddenSize, Directions) = (hiddenSize, bidirectional ? 2 : 1);
        switch (kind)
        {
            case RecurrentUnit.Gru:
                gru = RegisterModule("rnn", new GRU(embeddingDim, hiddenSize, numLayers, batchFirst: true, bidirectional: bidirectional, dtype: dtype, generator: generator));
                break;
            case RecurrentUnit.Lstm:
                lstm = RegisterModule("rnn", new LSTM(embeddingDim, hiddenSize, numLayers, batchFirst: true, bidirectional: bidirectional, dtype: dtype, generator: generator));
                break;
            default:
                throw new ArgumentException($"Seq2SeqEncoder: the recurrent layer must be a GRU or an LSTM, got {kind}.", nameof(kind));
        }
    }

    protected override (Tensor Annotations, Tensor Summary) ForwardCore(Tensor tokens) => Encode(tokens, null);

    /// <summary>
    /// Encodes rows whose real tokens are the first <paramref name="lengths"/>[i] (the rest padding): the recurrent layer
    /// runs on the packed sequence, so padding changes neither the annotations of real positions (both directions start
    /// at each row's own ends) nor the summary (each direction's state at its row's last real step). Annotations at
    /// padded positions are zero. Null lengths: every row is full.
    /// </summary>
    public (Tensor Annotations, Tensor Summary) Encode(Tensor tokens, long[]? lengths)
    {
        if (tokens.Rank != 2 || tokens.DType != DType.Int64)
            throw new ArgumentException($"Seq2SeqEncoder: expected int64 tokens [N, S], got {tokens.DType.Name()} of shape {tokens.ShapeText}.");
        var embedded = Embedding.Forward(tokens);
        Tensor output, h;
        if (lengths is null || lengths.All(l => l == tokens.Size(1)))
        {
            if (gru is not null) (output, h) = gru.Forward(embedded);
            else (output, (h, _)) = lstm!.Forward(embedded);
        }
        else
        {
            var packed = RnnUtils.PackPaddedSequence(embedded, lengths, batchFirst: true, enforceSorted: false);
            PackedSequence packedOutput;
            if (gru is not null) (packedOutput, h) = gru.Forward(packed);
            else (packedOutput, (h, _)) = lstm!.Forward(packed);
            output = RnnUtils.PadPackedSequence(packedOutput, batchFirst: true, totalLength: tokens.Size(1)).Padded;
        }
        // h is [L·D, N, H]; the last layer's directions are its last D rows.
        var last = h.Narrow(0, h.Size(0) - Directions, Directions);
        var summary = Tensor.Cat([.. Enumerable.Range(0, Directions).Select(d => last.Select(0, d))], 1);
        return (output, summary);
    }
}
