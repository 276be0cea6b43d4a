namespace Sharpgrad.NN.Memory;

/// <summary>
/// End-to-end memory network (Sukhbaatar, Szlam, Weston and Fergus 2015; NYU notes on memory networks): a story of S
/// sentences [B, S, J] and a question [B, J] (word ids, 0 = padding) give answer logits [B, V] over the vocabulary.
/// <para>
/// Each sentence x_i is embedded twice per hop k, as a memory m_i = Σ_j l_j ∘ A^k x_ij + T_A^k(i) and an output
/// c_i = Σ_j l_j ∘ C^k x_ij + T_C^k(i); the controller state u (first the question embedded by B) attends,
/// p = softmax(uᵀ m_i), reads o = Σ_i p_i c_i, and moves on, u^{k+1} = u^k + o^k. The answer is softmax(W u^{K+1}).
/// </para>
/// <para>
/// Adjacent weight tying (§2.2): A^{k+1} = C^k, B = A^1 and W = C^K (Wᵀ in the paper's notation), so K hops hold K + 1
/// embedding tables, <c>embeddings.0</c> … <c>embeddings.K</c> (table k is C^k and A^{k+1}), and K + 1 temporal tables
/// <c>temporal_encoding.0</c> … tied the same way. Tables start from N(0, 0.1²) (§4.2).
/// </para>
/// <para>
/// Slot i of the story is the i-th most recent sentence (the paper indexes memories in reverse order, so T(0) always
/// marks the last sentence); empty slots (all padding) get no attention. Position encoding uses the paper's formula
/// with J = the padded sentence length (<see cref="PositionEncoding"/>); padding words embed to zero (padding row 0).
/// Linear start (§4.2) is the switch <see cref="LinearStart"/>. Not implemented: random noise in the temporal encoding,
/// and layer-wise tying.
/// </para>
/// </summary>
public sealed class MemN2N : Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<Embedding> embeddings;
    private readonly ParameterList temporal;
    private readonly Tensor positionWeights;

    public int VocabularySize { get; }
    public int EmbeddingDim { get; }
    public int Hops { get; }

    /// <summary>The most sentences a story may hold (rows of the temporal tables).</summary>
    public int MemorySize { get; }

    /// <summary>J, the padded sentence length every sentence and question must have.</summary>
    public int SentenceLength { get; }

    public bool UsePositionEncoding { get; }
    public bool UseTemporalEncoding { get; }

    /// <summary>
    /// Linear start (Sukhbaatar et al. 2015 §4.2): while true, the memory layers' softmaxes are removed, p_i = uᵀ m_i
    /// (empty slots 0), so the model starts as a linear one, which the paper found escapes the poor local minima of some
    /// tasks; training sets it back to false once the validation loss stops falling ("the softmax layers were re-inserted").
    /// The answer's softmax stays either way. False by default.
    /// </summary>
    public bool LinearStart { get; set; }

    public MemN2N(int vocabularySize, int embeddingDim, int memorySize, int sentenceLength, int hops = 3, bool positionEncoding = true,
        bool temporalEncoding = true, DType dtype = DType.Float32, Generator? generator = null)
    {
        const string name = nameof(MemN2N);
        if (vocabularySize < 2)
            throw new ArgumentException($"{name}: vocabularySize must be at least 2 (id 0 is padding), got {vocabularySize}.");
        MemoryChecks.Positive(name, ("embeddingDim", embeddingDim), ("memorySize", memorySize), ("sentenceLength", sentenceLength), ("hops", hops));
        if (!dtype.IsFloatingPoint())
            throw new ArgumentException($"{name}: dtype must be float32 or float64, got {dtype.Name()}.");
        (VocabularySize, EmbeddingDim, MemorySize, SentenceLength, Hops, UsePositionEncoding, UseTemporalEncoding) =
            (vocabularySize, embeddingDim, memorySize, sentenceLength, hops, positionEncoding, temporalEncoding);
        embeddings = RegisterModule("embeddings", new ModuleList<Embedding>(
            Enumerable.Range(0, hops + 1).Select(_ => new Embedding(vocabularySize, embeddingDim, paddingIdx: 0, dtype: dtype, generator: generator))));
        temporal = RegisterModule("temporal_encoding", new ParameterList(
            Enumerable.Range(0, temporalEncoding ? hops + 1 : 0).Select(_ => Tensor.Zeros([memorySize, embeddingDim], dtype))));
        using (Autograd.NoGrad())
        {
            foreach (var table in embeddings)
            {
                Init.Normal(table.Weight, 0, 0.1, generator);
                table.Weight.Select(0, 0).Fill(0);
            }
            foreach (var table in temporal) Init.Normal(table, 0, 0.1, generator);
        }
        positionWeights = positionEncoding ? PositionEncoding(sentenceLength, embeddingDim, dtype) : Tensor.Ones([sentenceLength, embeddingDim], dtype);
    }

    /// <summary>
    /// The paper's position encoding (§4.1) as a [J, d] table: row j − 1, column k − 1 holds
    /// l_kj = (1 − j/J) − (k/d)(1 − 2j/J) for word j = 1 … J and embedding dim k = 1 … d. (Several public
    /// implementations use 1 + 4(j − (J+1)/2)(k − (d+1)/2)/(J·d) instead, which is not this formula.)
    /// </summary>
    public static Tensor PositionEncoding(int sentenceLength, int embeddingDim, DType dtype = DType.Float32)
    {
        MemoryChecks.Positive("MemN2N.PositionEncoding", ("sentenceLength", sentenceLength), ("embeddingDim", embeddingDim));
        var j = Tensor.Arange(1, sentenceLength + 1, dtype: DType.Float64).Unsqueeze(1) / sentenceLength;
        var k = Tensor.Arange(1, embeddingDim + 1, dtype: DType.Float64).Unsqueeze(0) / embeddingDim;
        return ((1 - j) - k * (1 - 2 * j)).To(dtype);
    }

    /// <summary>Answer logits [B, V] for stories [B, S, J] (S ≤ MemorySize) and questions [B, J], int64 word ids.</summary>
    protected override Tensor ForwardCore(Tensor story, Tensor question)
    {
        CheckInputs(story, question);
        var empty = story.Ne(0).Long().Sum(-1).Eq(0);
        if (empty.Long().Sum(-1).Eq(story.Shape[1]).Any())
            throw new ArgumentException($"{nameof(MemN2N)}: every story needs at least one sentence, but a story of the batch of shape {story.Shape} is all padding.");
        var u = Embed(0, question);
        for (int k = 1; k <= Hops; k++)
        {
            var memories = Embed(k - 1, story, temporalTable: k - 1);
            var outputs = Embed(k, story, temporalTable: k);
            var scores = memories.MatMul(u.Unsqueeze(-1)).Squeeze(-1);
            var attention = LinearStart ? scores.MaskedFill(empty, 0) : scores.MaskedFill(empty, double.NegativeInfinity).Softmax(-1);
            u = u + attention.Unsqueeze(1).MatMul(outputs).Squeeze(1);
        }
        return u.MatMul(embeddings[Hops].Weight.T);
    }

    /// <summary>Σ_j l_j ∘ E x_j over the words of each sentence [..., J] → [..., d], plus the temporal row of each slot for stories.</summary>
    private Tensor Embed(int table, Tensor words, int? temporalTable = null)
    {
        var bag = (embeddings[table].Forward(words) * positionWeights).Sum(-2);
        if (temporalTable is not int t || !UseTemporalEncoding) return bag;
        return bag + temporal[t].Narrow(0, 0, words.Shape[1]);
    }

    private void CheckInputs(Tensor story, Tensor question)
    {
        const string name = nameof(MemN2N);
        if (story.DType != DType.Int64 || question.DType != DType.Int64)
            throw new ArgumentException($"{name}: story and question must be int64 word ids, got {story.DType.Name()} and {question.DType.Name()}.");
        if (story.Rank != 3 || story.Shape[1] > MemorySize || story.Shape[2] != SentenceLength)
            throw new ArgumentException(
                $"{name}: the story must be [batch, sentences ≤ {MemorySize}, sentenceLength = {SentenceLength}], got shape {story.Shape}.");
        if (question.Rank != 2 || question.Shape[0] != story.Shape[0] || question.Shape[1] != SentenceLength)
            throw new ArgumentException(
                $"{name}: the question must be [batch = {story.Shape[0]}, sentenceLength = {SentenceLength}], got shape {question.Shape}.");
    }

    protected override string ExtraRepr() =>
        $"vocabulary={VocabularySize}, embedding_dim={EmbeddingDim}, memory_size={MemorySize}, sentence_length={SentenceLength}, hops={Hops}";
}
