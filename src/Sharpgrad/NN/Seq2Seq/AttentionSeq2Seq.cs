namespace Sharpgrad.NN;

/// <summary>
/// An RNN encoder–decoder with additive attention (Bahdanau, Cho &amp; Bengio 2015; Buduma ch7; GBC §10.4, §12.4.5.1):
/// a (bidirectional) GRU or LSTM <see cref="Seq2SeqEncoder"/>, a bridge sᵢ₀ = tanh(W [→h_S; ←h_1]) from the encoder's
/// final states to the decoder's first state (Bahdanau et al. use the backward state alone), and a GRU or LSTM
/// <see cref="AttentionDecoder"/> (an LSTM decoder's memory cell starts at zero). Tokens are int64; <see cref="PadToken"/> marks padding in sources (masked out of
/// attention) and in targets (ignored by the loss), and every target sequence starts with <see cref="StartToken"/> and
/// ends with <see cref="EndToken"/>.
/// <para><b>Training</b> (<see cref="Unroll"/>, <see cref="Loss"/>): the decoder reads yᵢ₋₁ from the target (teacher
/// forcing, GBC §10.2.1), or with probability <c>samplingProbability</c> per token a token drawn from its own previous
/// output distribution (scheduled sampling, Bengio et al. 2015; probability 1 is free-running). The draw is not
/// differentiated, as in the paper. <b>Decoding</b>: batched greedy (<see cref="GreedyBatch"/>), or greedy and beam
/// search per sentence through <see cref="SequenceDecoding"/>.</para>
/// <para><b>Source reversal</b> (Sutskever et al. 2014 §3.3): with <see cref="ReverseSource"/> each source row is read
/// back to front, which put the first source words next to the first target words and helped their LSTM without
/// attention. The whole padded row is flipped, so padding comes first; attention weights are reported over the
/// reversed positions.</para>
/// Children: <c>encoder</c>, <c>bridge</c>, <c>decoder</c>.
/// </summary>
public sealed class AttentionSeq2Seq : Module<Tensor, Tensor, (Tensor Logits, Tensor Weights)>
{
    public Seq2SeqEncoder Encoder { get; }

    public Linear Bridge { get; }

    public AttentionDecoder Decoder { get; }

    public long PadToken { get; }

    public long StartToken { get; }

    public long EndToken { get; }

    public bool ReverseSource { get; }

    public int TargetVocabularySize { get; }

    /// <param name="decoderKind">the decoder's recurrent unit (GRU or LSTM); by default the encoder's</param>
    public AttentionSeq2Seq(int sourceVocabularySize, int targetVocabularySize, int embeddingDim, int hiddenSize, int attentionDim,
        long padToken = 0, long startToken = 1, long endToken = 2, RecurrentUnit encoderKind = RecurrentUnit.Gru, bool bidirectional = true,
        bool reverseSource = false, DType dtype = DType.Float32, Generator? generator = null, RecurrentUnit? decoderKind = null)
    {
        foreach (var (name, token) in new[] { ("padToken", padToken), ("startToken", startToken), ("endToken", endToken) })
            if (token < 0 || token >= targetVocabularySize)
                throw new ArgumentException($"AttentionSeq2Seq: {name} {token} is outside the target vocabulary of {targetVocabularySize} tokens.");
        // The loss ignores padding and attention masks it: a pad equal to the end token would silently drop every end.
        if (padToken == startToken || padToken == endToken || startToken == endToken)
            throw new ArgumentException($"AttentionSeq2Seq: padToken ({padToken}), startToken ({startToken}) and endToken ({endToken}) must be distinct.");
        (PadToken, StartToken, EndToken, ReverseSource, TargetVocabularySize) = (padToken, startToken, endToken, reverseSource, targetVocabularySize);
        int? padIndex = padToken < sourceVocabularySize ? (int)padToken : null;
        Encoder = RegisterModule("encoder", new Seq2SeqEncoder(sourceVocabularySize, embeddingDim, hiddenSize, encoderKind, bidirectional,
            paddingIdx: padIndex, dtype: dtype, generator: generator));
        Bridge = RegisterModule("bridge", new Linear(Encoder.OutputSize, hiddenSize, dtype: dtype, generator: generator));
        Decoder = RegisterModule("decoder", new AttentionDecoder(targetVocabularySize, embeddingDim, hiddenSize, Encoder.OutputSize, attentionDim,
            (int)padToken, dtype, generator, decoderKind ?? encoderKind));
    }

    /// <summary>Runs the encoder over source tokens [N, S] (reversed if <see cref="ReverseSource"/>).</summary>
    public EncodedSource Encode(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Rank != 2 || source.DType != DType.Int64 || source.Size(1) == 0)
            throw new ArgumentException($"AttentionSeq2Seq: expected int64 source tokens [N, S] with S ≥ 1, got {source.DType.Name()} of shape {source.ShapeText}.");
        long[] lengths = SourceLengths(source);
        if (ReverseSource) source = ReverseRealTokens(source, lengths);
        var padding = source.Eq(PadToken);
        var mask = lengths.Any(l => l < source.Size(1)) ? padding : null;
        var (annotations, summary) = Encoder.Encode(source, lengths);
        return new EncodedSource(annotations, Decoder.Attention.ProjectKeys(annotations), mask, Decoder.InitialState(Bridge.Forward(summary).Tanh()));
    }

    /// <summary>
    /// The number of real tokens of each row: padding must be trailing (a pad followed by a real token is an error naming
    /// the row), and every row needs at least one real token.
    /// </summary>
    private long[] SourceLengths(Tensor source)
    {
        long[] tokens = source.ToArray<long>();
        int width = source.Size(1);
        var lengths = new long[source.Size(0)];
        for (int row = 0; row < lengths.Length; row++)
        {
            int length = 0;
            while (length < width && tokens[row * width + length] != PadToken) length++;
            for (int s = length; s < width; s++)
                if (tokens[row * width + s] != PadToken)
                    throw new ArgumentException($"AttentionSeq2Seq: source row {row} has token {tokens[row * width + s]} at position {s} after padding at {length}; padding must be trailing.");
            if (length == 0) throw new ArgumentException($"AttentionSeq2Seq: source row {row} is all padding.");
            lengths[row] = length;
        }
        return lengths;
    }

    /// <summary>Sutskever et al.'s source reversal of each row's real tokens; the padding stays at the end.</summary>
    private static Tensor ReverseRealTokens(Tensor source, long[] lengths)
    {
        int width = source.Size(1);
        var order = new long[lengths.Length * width];
        for (int row = 0; row < lengths.Length; row++)
            for (int s = 0; s < width; s++)
                order[row * width + s] = s < lengths[row] ? lengths[row] - 1 - s : s;
        return source.Gather(1, Tensor.From(order).Reshape(lengths.Length, width).To(source.Device));
    }

    /// <summary>Teacher-forced logits [N, T, V] and attention weights [N, T, S] for decoder inputs [N, T] (start token first).</summary>
    protected override (Tensor Logits, Tensor Weights) ForwardCore(Tensor source, Tensor targetInput) => Unroll(source, targetInput, 0);

    /// <summary>
    /// Runs the decoder over the T steps of <paramref name="targetInput"/> [N, T] (its first column is the start token).
    /// At step t &gt; 0 each row reads, with probability <paramref name="samplingProbability"/>, a token drawn from its own
    /// step t − 1 distribution instead of <paramref name="targetInput"/>[:, t] (0: teacher forcing; 1: free running).
    /// </summary>
    public (Tensor Logits, Tensor Weights) Unroll(Tensor source, Tensor targetInput, double samplingProbability, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(targetInput);
        if (!(samplingProbability is >= 0 and <= 1))
            throw new ArgumentException($"AttentionSeq2Seq: the sampling probability must lie in [0, 1], got {samplingProbability}.", nameof(samplingProbability));
        var encoded = Encode(source);
        if (targetInput.Rank != 2 || targetInput.DType != DType.Int64 || targetInput.Size(0) != source.Size(0) || targetInput.Size(1) == 0)
            throw new ArgumentException($"AttentionSeq2Seq: expected int64 decoder inputs [N, T] with N = {source.Size(0)} and T ≥ 1, got {targetInput.DType.Name()} of shape {targetInput.ShapeText}.");
        var gen = generator ?? Generator.Default;
        var state = encoded.InitialState;
        var logits = new List<Tensor>();
        var weights = new List<Tensor>();
        for (int t = 0; t < targetInput.Size(1); t++)
        {
            var previous = targetInput.Select(1, t);
            if (t > 0 && samplingProbability > 0)
            {
                var own = TokenSampling.Sample(logits[^1].Detach(), new SamplingOptions(), gen);
                var useOwn = Tensor.Rand([previous.Size(0)], DType.Float64, gen).Lt(samplingProbability);
                previous = Tensor.Where(useOwn, own, previous);
            }
            var (stepLogits, next, stepWeights) = Decoder.Forward(previous, state, encoded);
            state = next;
            logits.Add(stepLogits);
            weights.Add(stepWeights);
        }
        return (Tensor.Stack([.. logits], 1), Tensor.Stack([.. weights], 1));
    }

    /// <summary>
    /// The mean cross-entropy of the targets [N, T] (the decoder inputs shifted left, ending with the end token) over
    /// their non-padding tokens, with <see cref="Unroll"/>'s scheduled sampling.
    /// </summary>
    public Tensor Loss(Tensor source, Tensor targetInput, Tensor targetOutput, double samplingProbability = 0, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(targetOutput);
        if (!targetOutput.Shape.SequenceEqual(targetInput.Shape))
            throw new ArgumentException($"AttentionSeq2Seq: the targets {targetOutput.ShapeText} must have the decoder inputs' shape {targetInput.ShapeText}.");
        var (logits, _) = Unroll(source, targetInput, samplingProbability, generator);
        return Losses.CrossEntropy(logits.Reshape(-1, TargetVocabularySize), targetOutput.Reshape(-1), ignoreIndex: PadToken);
    }

    /// <summary>
    /// Greedy decoding of a batch: <paramref name="maxLength"/> steps, each feeding back the most probable token. Returns
    /// the tokens [N, maxLength] (a row may continue past its end token; cut it with <see cref="UpToEnd"/>) and the
    /// attention weights [N, maxLength, S].
    /// </summary>
    public (Tensor Tokens, Tensor Weights) GreedyBatch(Tensor source, int maxLength)
    {
        if (maxLength < 1) throw new ArgumentException($"AttentionSeq2Seq: maxLength must be at least 1, got {maxLength}.", nameof(maxLength));
        using var _ = Autograd.NoGrad();
        var encoded = Encode(source);
        var state = encoded.InitialState;
        var previous = Tensor.Full([source.Size(0)], StartToken, DType.Int64);
        var tokens = new List<Tensor>();
        var weights = new List<Tensor>();
        for (int t = 0; t < maxLength; t++)
        {
            var (logits, next, stepWeights) = Decoder.Forward(previous, state, encoded);
            (state, previous) = (next, logits.ArgMax(1));
            tokens.Add(previous);
            weights.Add(stepWeights);
        }
        return (Tensor.Stack([.. tokens], 1), Tensor.Stack([.. weights], 1));
    }

    /// <summary>The tokens of a decoded row before its first end token.</summary>
    public long[] UpToEnd(IEnumerable<long> tokens) => [.. tokens.TakeWhile(t => t != EndToken)];

    /// <summary>
    /// The decoder as a <see cref="DecodingStep{TState}"/> for one encoded sentence (N = 1), its state the decoder's
    /// state ([1, Hd], with an LSTM's cell): log-softmax of the logits, without gradients.
    /// </summary>
    public DecodingStep<DecoderState> StepFunction(EncodedSource sentence) => (state, last) =>
    {
        using var _ = Autograd.NoGrad();
        var (logits, next, _) = Decoder.Forward(Tensor.From(new[] { last }), state, sentence);
        return (logits.Select(0, 0).LogSoftmax(0), next);
    };

    /// <summary>Greedy decoding of one source sentence, tokens [S].</summary>
    public Hypothesis Greedy(Tensor source, int maxLength, LengthPenalty? lengthPenalty = null)
    {
        var sentence = EncodeOne(source);
        return SequenceDecoding.Greedy(StepFunction(sentence), sentence.InitialState, StartToken, EndToken, maxLength, lengthPenalty);
    }

    /// <summary>Beam search for one source sentence, tokens [S]; the best hypothesis first.</summary>
    public IReadOnlyList<Hypothesis> BeamSearch(Tensor source, int beamWidth, int maxLength, LengthPenalty? lengthPenalty = null)
    {
        var sentence = EncodeOne(source);
        return SequenceDecoding.BeamSearch(StepFunction(sentence), sentence.InitialState, StartToken, EndToken, beamWidth, maxLength, lengthPenalty);
    }

    private EncodedSource EncodeOne(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Rank != 1)
            throw new ArgumentException($"AttentionSeq2Seq: expected one source sentence, int64 tokens [S], got shape {source.ShapeText}.");
        using var _ = Autograd.NoGrad();
        return Encode(source.Unsqueeze(0));
    }
}
