namespace Sharpgrad.NN;

/// <summary>
/// One step of Bahdanau et al.'s decoder (2015, §3.1 and appendix A): from the previous token yᵢ₋₁ and state sᵢ₋₁,
/// attend over the source with sᵢ₋₁ as the query (context cᵢ, weights αᵢ), update sᵢ = GRU([E yᵢ₋₁; cᵢ], sᵢ₋₁), and
/// score the next token from [sᵢ; cᵢ] by a linear layer (the paper adds a maxout layer and yᵢ₋₁ here; a linear read-out
/// is the common simplification). The recurrent unit is the paper's GRU or an LSTM (Sutskever et al. 2014; Luong et al.
/// 2015), whose state is the tuple (sᵢ, memory cell): the hidden part is the query, the cell is carried along.
/// Inputs: previous tokens int64 [N], a <see cref="DecoderState"/> ([N, Hd], with a cell for an LSTM), the
/// <see cref="EncodedSource"/>; outputs: logits [N, V], the new state, the attention weights [N, S].
/// Children: <c>embedding</c>, <c>attention</c> (<see cref="AdditiveAttention"/>), <c>cell</c> (a <c>GRUCell</c> or
/// <c>LSTMCell</c>), <c>out</c>.
/// </summary>
public sealed class AttentionDecoder : Module<Tensor, DecoderState, EncodedSource, (Tensor Logits, DecoderState State, Tensor Weights)>
{
    private readonly GRUCell? gru;
    private readonly LSTMCell? lstm;

    public Embedding Embedding { get; }

    public AdditiveAttention Attention { get; }

    /// <summary>The recurrent unit: a <see cref="GRUCell"/> or an <see cref="LSTMCell"/>.</summary>
    public Module Cell => (Module?)gru ?? lstm!;

    public RecurrentUnit Kind { get; }

    public int HiddenSize { get; }

    public Linear Out { get; }

    public AttentionDecoder(int vocabularySize, int embeddingDim, int hiddenSize, int annotationSize, int attentionDim,
        int? paddingIdx = null, DType dtype = DType.Float32, Generator? generator = null, RecurrentUnit kind = RecurrentUnit.Gru)
    {
        (Kind, HiddenSize) = (kind, hiddenSize);
        Embedding = RegisterModule("embedding", new Embedding(vocabularySize, embeddingDim, paddingIdx, dtype: dtype, generator: generator));
        Attention = RegisterModule("attention", new AdditiveAttention(hiddenSize, annotationSize, attentionDim, dtype, generator));
        int cellInput = embeddingDim + annotationSize;
        switch (kind)
        {
            case RecurrentUnit.Gru:
                gru = RegisterModule("cell", new GRUCell(cellInput, hiddenSize, dtype: dtype, generator: generator));
                break;
            case RecurrentUnit.Lstm:
                lstm = RegisterModule("cell", new LSTMCell(cellInput, hiddenSize, dtype: dtype, generator: generator));
                break;
            default:
                throw new ArgumentException($"AttentionDecoder: the recurrent unit must be a GRU or an LSTM, got {kind}.", nameof(kind));
        }
        Out = RegisterModule("out", new Linear(hiddenSize + annotationSize, vocabularySize, dtype: dtype, generator: generator));
    }

    /// <summary>
    /// The state to start from, given the bridge's hidden state [N, Hd]: an LSTM's memory cell starts at zero, as
    /// PyTorch's does when no state is given; only the hidden part, the first query, comes from the encoder.
    /// </summary>
    public DecoderState InitialState(Tensor hidden) =>
        new(hidden, Kind == RecurrentUnit.Lstm ? Tensor.ZerosLike(hidden) : null);

    protected override (Tensor Logits, DecoderState State, Tensor Weights) ForwardCore(Tensor previous, DecoderState state, EncodedSource source)
    {
        ArgumentNullException.ThrowIfNull(state);
        var h = state.Hidden;
        if (previous.Rank != 1 || previous.DType != DType.Int64 || h.Rank != 2 || previous.Size(0) != h.Size(0))
            throw new ArgumentException($"AttentionDecoder: expected previous tokens int64 [N] and a state [N, {HiddenSize}], got {previous.DType.Name()} {previous.ShapeText} and {h.ShapeText}.");
        if ((Kind == RecurrentUnit.Lstm) != (state.Cell is not null))
            throw new ArgumentException(Kind == RecurrentUnit.Lstm
                ? "AttentionDecoder: an LSTM decoder needs a state with a memory cell, got none."
                : "AttentionDecoder: a GRU decoder takes a state without a memory cell, got one.");
        var (context, weights) = Attention.Attend(h, source.Keys, source.ProjectedKeys, source.PaddingMask);
        var input = Tensor.Cat([Embedding.Forward(previous), context], 1);
        DecoderState next;
        if (lstm is not null)
        {
            var (hidden, cell) = lstm.Forward(input, (h, state.Cell!));
            next = new DecoderState(hidden, cell);
        }
        else next = new DecoderState(gru!.Forward(input, h), null);
        var logits = Out.Forward(Tensor.Cat([next.Hidden, context], 1));
        return (logits, next, weights);
    }
}
