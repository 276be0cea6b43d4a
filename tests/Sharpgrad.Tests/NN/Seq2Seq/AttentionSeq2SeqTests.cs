using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.Seq2Seq;

/// <summary>
/// The encoder–decoder's plumbing on an untrained float64 model: teacher forcing, free running, source reversal,
/// padding masks, and batched greedy decoding against the per-sentence decoders. Learning is tested by the
/// seq2seq-attention experiment's quick run (Cli/Experiments/Seq2SeqAttentionTests).
/// </summary>
public sealed class AttentionSeq2SeqTests
{
    private const int V = 9;

    private static AttentionSeq2Seq Model(bool reverse = false, RecurrentUnit kind = RecurrentUnit.Gru) =>
        new(V, V, embeddingDim: 4, hiddenSize: 5, attentionDim: 3, encoderKind: kind, reverseSource: reverse, dtype: DType.Float64,
            generator: new Generator(42));

    private static readonly Tensor Source = Tensor.From(new long[,] { { 3, 4, 5, 6 }, { 7, 8, 3, 0 } });
    private static readonly Tensor Input = Tensor.From(new long[,] { { 1, 6, 5, 4 }, { 1, 3, 8, 7 } });

    private static double MaxDifference(Tensor a, Tensor b) => (a - b).Abs().Max().Item();

    [Fact]
    public void TeacherForcingGivesLogitsAndWeightsPerStep()
    {
        var model = Model();
        var (logits, weights) = model.Forward(Source, Input);
        Assert.Equal([2, 4, V], logits.Shape.ToArray());
        Assert.Equal([2, 4, 4], weights.Shape.ToArray());
        Assert.True(MaxDifference(weights.Sum(2), Tensor.OnesLike(weights.Sum(2))) < 1e-12);
        // Row 1's source ends in padding (token 0): it gets no attention at any step.
        Assert.Equal(0.0, weights[1, .., 3].Abs().Max().Item());
        Assert.Equal(["encoder", "bridge", "decoder"], model.NamedChildren().Select(c => c.Name));
    }

    /// <summary>
    /// Padding changes nothing: row 1 of <see cref="Source"/> ({7, 8, 3} and one pad) gives the same logits as the
    /// unpadded sentence alone, with a GRU or an LSTM encoder and decoder and with source reversal (which reverses the real tokens
    /// only), because the encoder runs on the packed sequence and attention masks the pad.
    /// </summary>
    [Theory]
    [InlineData(false, RecurrentUnit.Gru)]
    [InlineData(true, RecurrentUnit.Gru)]
    [InlineData(false, RecurrentUnit.Lstm)]
    [InlineData(true, RecurrentUnit.Lstm)]
    public void PaddingChangesNoLogits(bool reverse, RecurrentUnit kind)
    {
        var model = Model(reverse, kind);
        var padded = model.Forward(Source, Input).Logits.Select(0, 1);
        var alone = model.Forward(Tensor.From(new long[,] { { 7, 8, 3 } }), Input.Narrow(0, 1, 1)).Logits.Select(0, 0);
        Assert.True(MaxDifference(padded, alone) < 1e-12, $"max difference {MaxDifference(padded, alone)}");
    }

    /// <summary>
    /// An LSTM decoder carries the tuple state (h, c): its cell has nn.LSTMCell's parameters for the input [E y; context],
    /// the memory cell starts at zero, and every step follows the LSTM equations written out here (gates i, f, g, o;
    /// c' = σ(f)·c + σ(i)·tanh(g), h' = σ(o)·tanh(c'); GBC §10.10.1) for the cell, with h the attention query.
    /// </summary>
    [Fact]
    public void LstmDecoderCarriesTheCellThroughTheLstmEquations()
    {
        var model = Model(kind: RecurrentUnit.Lstm);
        Assert.Equal(RecurrentUnit.Lstm, model.Decoder.Kind);
        var parameters = model.NamedParameters().ToDictionary();
        Assert.Equal([4 * 5, 4 + 2 * 5], parameters["decoder.cell.weight_ih"].Shape.ToArray());
        Assert.Equal([4 * 5, 5], parameters["decoder.cell.weight_hh"].Shape.ToArray());

        var encoded = model.Encode(Source);
        Assert.Equal(0.0, encoded.InitialState.Cell!.Abs().Max().Item());
        var state = encoded.InitialState;
        for (int t = 0; t < Input.Size(1); t++)
        {
            var previous = Input.Select(1, t);
            var (context, _) = model.Decoder.Attention.Attend(state.Hidden, encoded.Keys, encoded.ProjectedKeys, encoded.PaddingMask);
            var x = Tensor.Cat([model.Decoder.Embedding.Forward(previous), context], 1);
            var gates = x.MatMul(parameters["decoder.cell.weight_ih"].T) + parameters["decoder.cell.bias_ih"]
                + state.Hidden.MatMul(parameters["decoder.cell.weight_hh"].T) + parameters["decoder.cell.bias_hh"];
            var (i, f, g, o) = (gates.Narrow(1, 0, 5).Sigmoid(), gates.Narrow(1, 5, 5).Sigmoid(), gates.Narrow(1, 10, 5).Tanh(), gates.Narrow(1, 15, 5).Sigmoid());
            var cell = f * state.Cell! + i * g;
            var hidden = o * cell.Tanh();

            var (logits, next, _) = model.Decoder.Forward(previous, state, encoded);
            Assert.True(MaxDifference(next.Cell!, cell) < 1e-12, $"step {t}: cell differs by {MaxDifference(next.Cell!, cell)}");
            Assert.True(MaxDifference(next.Hidden, hidden) < 1e-12, $"step {t}: hidden state differs by {MaxDifference(next.Hidden, hidden)}");
            Assert.True(MaxDifference(logits, model.Decoder.Out.Forward(Tensor.Cat([hidden, context], 1))) < 1e-12);
            state = next;
        }
        // The cell is real state: the same hidden state with another cell gives other logits.
        var other = new DecoderState(state.Hidden, state.Cell! + 1);
        Assert.True(MaxDifference(model.Decoder.Forward(Input.Select(1, 0), state, encoded).Logits,
            model.Decoder.Forward(Input.Select(1, 0), other, encoded).Logits) > 1e-6);
    }

    [Fact]
    public void DecoderStateMustMatchTheRecurrentUnit()
    {
        var lstm = Model(kind: RecurrentUnit.Lstm);
        var encoded = lstm.Encode(Source);
        Assert.Contains("LSTM decoder needs a state with a memory cell", Assert.Throws<ArgumentException>(() =>
            lstm.Decoder.Forward(Input.Select(1, 0), encoded.InitialState with { Cell = null }, encoded)).Message);
        var mixed = new AttentionSeq2Seq(V, V, 4, 5, 3, encoderKind: RecurrentUnit.Lstm, decoderKind: RecurrentUnit.Gru, dtype: DType.Float64);
        Assert.Null(mixed.Encode(Source).InitialState.Cell);
        Assert.IsType<GRUCell>(mixed.Decoder.Cell);
    }

    [Fact]
    public void BadTokensAndPaddingAreRefused()
    {
        Assert.Contains("must be distinct", Assert.Throws<ArgumentException>(() =>
            new AttentionSeq2Seq(V, V, 4, 5, 3, padToken: 2, startToken: 1, endToken: 2)).Message);
        var inner = Assert.Throws<ArgumentException>(() => Model().Encode(Tensor.From(new long[,] { { 3, 0, 4 } })));
        Assert.Contains("padding must be trailing", inner.Message);
    }

    /// <summary>
    /// Free running (sampling probability 1) reads only the start token of the decoder inputs; teacher forcing reads all
    /// of them. Changing the inputs after the first column therefore changes teacher-forced logits but not free-running
    /// ones (same generator seed, so the same own samples).
    /// </summary>
    [Fact]
    public void FreeRunningIgnoresTheTargetsAfterTheStartToken()
    {
        var model = Model();
        var other = Tensor.From(new long[,] { { 1, 3, 3, 3 }, { 1, 4, 4, 4 } });
        var free = model.Unroll(Source, Input, 1, new Generator(5)).Logits;
        var freeOther = model.Unroll(Source, other, 1, new Generator(5)).Logits;
        Assert.Equal(0.0, MaxDifference(free, freeOther));
        Assert.True(MaxDifference(model.Forward(Source, Input).Logits, model.Forward(Source, other).Logits) > 1e-6);
        var loss = model.Loss(Source, Input, Tensor.From(new long[,] { { 6, 5, 4, 2 }, { 3, 8, 7, 2 } }), samplingProbability: 0.5, new Generator(6));
        Assert.True(double.IsFinite(loss.Item()) && loss.Item() > 0);
    }

    /// <summary>Reversal flips each source row before the encoder: the same weights on the flipped source give the same logits.</summary>
    [Fact]
    public void SourceReversalEncodesTheFlippedSource()
    {
        var source = Tensor.From(new long[,] { { 3, 4, 5, 6 }, { 7, 8, 3, 4 } });
        var reversed = Model(reverse: true).Forward(source, Input).Logits;
        Assert.Equal(0.0, MaxDifference(reversed, Model().Forward(source.Flip(1), Input).Logits));
        Assert.True(MaxDifference(reversed, Model().Forward(source, Input).Logits) > 1e-6);
    }

    /// <summary>Batched greedy decoding, SequenceDecoding's greedy and a beam of width 1 agree on every row.</summary>
    [Fact]
    public void BatchedGreedyMatchesThePerSentenceDecoders()
    {
        var model = Model(kind: RecurrentUnit.Lstm);
        var (tokens, weights) = model.GreedyBatch(Source, 6);
        Assert.Equal([2, 6, 4], weights.Shape.ToArray());
        Assert.Equal(0.0, weights[1, .., 3].Abs().Max().Item());   // the pad gets no attention at any step
        for (int r = 0; r < 2; r++)
        {
            var row = tokens.Select(0, r).ToArray<long>();
            var greedy = model.Greedy(Source.Select(0, r), 6);
            var expected = greedy.Finished ? [.. model.UpToEnd(row), model.EndToken] : row;
            Assert.Equal(expected, greedy.Tokens);
            Assert.Equal(greedy.Tokens, model.BeamSearch(Source.Select(0, r), 1, 6)[0].Tokens);
            Assert.True(model.BeamSearch(Source.Select(0, r), 3, 6)[0].LogProbability >= greedy.LogProbability - 1e-12);
        }
    }

    [Fact]
    public void BadInputIsAnErrorNamingTheModelAndShapes()
    {
        var model = Model();
        Assert.Contains("int64 source tokens [N, S]", Assert.Throws<ArgumentException>(() => model.Forward(Tensor.Zeros(2, 4), Input)).Message);
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => model.Forward(Source, Input.Narrow(1, 0, 3).Narrow(0, 0, 1).Expand(2, 3).Float())).Message);
        Assert.Contains("sampling probability", Assert.Throws<ArgumentException>(() => model.Unroll(Source, Input, 1.5)).Message);
        Assert.Contains("one source sentence", Assert.Throws<ArgumentException>(() => model.Greedy(Source, 5)).Message);
        Assert.Contains("beam width must be at least 1", Assert.Throws<ArgumentException>(() => model.BeamSearch(Source.Select(0, 0), 0, 5)).Message);
        Assert.Contains("endToken 9", Assert.Throws<ArgumentException>(() => new AttentionSeq2Seq(V, V, 4, 5, 3, endToken: 9)).Message);
        Assert.Contains("GRU or an LSTM", Assert.Throws<ArgumentException>(() => Model(kind: (RecurrentUnit)7)).Message);
    }

    /// <summary>Bengio et al.'s schedules at hand-picked steps: k/(k + e^(i/k)), kⁱ and max(ε, k − c·i).</summary>
    [Fact]
    public void ScheduledSamplingFollowsThePapersSchedules()
    {
        Assert.Equal(10.0 / 11, ScheduledSampling.InverseSigmoid(0, 10), 15);
        Assert.Equal(10 / (10 + Math.E), ScheduledSampling.InverseSigmoid(10, 10), 15);
        Assert.Equal(0.125, ScheduledSampling.Exponential(3, 0.5), 15);
        Assert.Equal(0.7, ScheduledSampling.Linear(300, k: 1, c: 1e-3), 15);
        Assert.Equal(0.1, ScheduledSampling.Linear(5000, k: 1, c: 1e-3, minimum: 0.1), 15);
        Assert.Contains("k must be finite and ≥ 1", Assert.Throws<ArgumentException>(() => ScheduledSampling.InverseSigmoid(1, 0.5)).Message);
    }
}
