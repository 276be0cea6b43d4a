namespace Sharpgrad.NN;

/// <summary>
/// One step of Bahdanau et al.'s decoder (2015, §3.1 and appendix A): from the previous token yᵢ₋₁ and state sᵢ₋₁,
/// attend over the source with sᵢ₋₁ as the query (context cᵢ, weights αᵢ), update sᵢ = GRU([E yᵢ₋₁; cᵢ], sᵢ₋₁), and
/// score the next token from [sᵢ; cᵢ] by a linear layer (the paper adds a maxout layer and yᵢ₋₁ here; a linear read-out
/// is the common simplification). Inputs: previous tokens int64 [N], state [N, Hd], the <see cref="EncodedSource"/>;
/// outputs: logits [N, V], the new state, the attention weights [N, S].
/// Children: <c>embedding</c>, <c>attention</c> (<see cref="AdditiveAttention"/>), <c>cell</c> (a <c>GRUCell</c>), <c>out</c>.
/// </summary>
public sealed class AttentionDecoder : Module<Tensor, Tensor, EncodedSource, (Tensor Logits, Tensor State, Tensor Weights)>
{
    public Embedding Embedding { get; }

    public AdditiveAttention Attention { get; }

    public GRUCell Cell { get; }

    public Linear Out { get; }

    public AttentionDecoder(int vocabularySize, int embeddingDim, int hiddenSize, int annotationSize, int attentionDim,
        int? paddingIdx = null, DType dtype = DType.Float32, Generator? generator = null)
    {
        Embedding = RegisterModule("embedding", new Embedding(vocabularySize, embeddingDim, paddingIdx, dtype: dtype, generator: generator));
        Attention = RegisterModule("attention", new AdditiveAttention(hiddenSize, annotationSize, attentionDim, dtype, generator));
        Cell = RegisterModule("cell", new GRUCell(embeddingDim + annotationSize, hiddenSize, dtype: dtype, generator: generator));
        Out = RegisterModule("out", new Linear(hiddenSize + annotationSize, vocabularySize, dtype: dtype, generator: generator));
    }

    protected override (Tensor Logits, Tensor State, Tensor Weights) ForwardCore(Tensor previous, Tensor state, EncodedSource source)
    {
        if (previous.Rank != 1 || previous.DType != DType.Int64 || state.Rank != 2 || previous.Size(0) != state.Size(0))
            throw new ArgumentException($"AttentionDecoder: expected previous tokens int64 [N] and a state [N, {Cell.HiddenSize}], got {previous.DType.Name()} {previous.ShapeText} and {state.ShapeText}.");
        var (context, weights) = Attention.Attend(state, source.Keys, source.ProjectedKeys, source.PaddingMask);
        var next = Cell.Forward(Tensor.Cat([Embedding.Forward(previous), context], 1), state);
        var logits = Out.Forward(Tensor.Cat([next, context], 1));
        return (logits, next, weights);
    }
}
