using Sharpgrad.NN;

namespace Sharpgrad.Tests.NN.Decoding;

/// <summary>
/// Greedy decoding and beam search on small models given as step functions: a hand-made Markov model whose scores are
/// worked out below, and random models whose next-token distribution depends on the whole history (the state is a
/// hash of it, which seeds the log-probabilities), small enough to enumerate every sequence.
/// </summary>
public sealed class SequenceDecodingTests
{
    private const long End = 0, Start = 3;

    /// <summary>
    /// Tokens: 0 = end, 1 = a, 2 = b; the state is unused, the last token decides. From the start: P(end, a, b) =
    /// (0.4, 0.35, 0.25); after a: (0.9, 0.05, 0.05); after b: (0.5, 0.25, 0.25).
    /// </summary>
    private static (Tensor, int) Markov(int state, long last)
    {
        double[] p = last switch { Start => [0.4, 0.35, 0.25], 1 => [0.9, 0.05, 0.05], _ => [0.5, 0.25, 0.25] };
        return (Tensor.From(p.Select(x => Math.Log(x)).ToArray()), state + 1);
    }

    /// <summary>A random model over V tokens: log-softmax of 2·N(0, 1) logits seeded by a hash of the history.</summary>
    private static DecodingStep<long> RandomModel(int seed, int vocabulary) => (history, last) =>
    {
        long next = unchecked(history * 1_000_003 + last + 1);
        var logits = Tensor.Randn([vocabulary], DType.Float64, new Generator(unchecked(seed * 7919L + next))) * 2;
        return (logits.LogSoftmax(0), next);
    };

    /// <summary>
    /// Every sequence the model can produce within maxLength tokens: those ending in the end token and those cut at
    /// maxLength, with their log-probabilities, best first by the length-normalised score (ties in enumeration order).
    /// Sequences through a ruled-out token (log-probability −∞) are left out: they are not possible outputs.
    /// </summary>
    private static List<Hypothesis> AllSequences<TState>(DecodingStep<TState> step, TState initial, int maxLength, LengthPenalty penalty)
    {
        var all = new List<Hypothesis>();
        void Visit(TState state, long last, List<long> prefix, double logP)
        {
            var (logProbabilities, next) = step(state, last);
            var values = logProbabilities.ToArray<double>();
            for (int v = 0; v < values.Length; v++)
            {
                if (double.IsNegativeInfinity(values[v])) continue;
                List<long> tokens = [.. prefix, v];
                double total = logP + values[v];
                if (v == End || tokens.Count == maxLength)
                    all.Add(new Hypothesis([.. tokens], total, penalty.Score(total, tokens.Count), v == End));
                else Visit(next, v, tokens, total);
            }
        }
        Visit(initial, Start, [], 0);
        return [.. all.OrderByDescending(h => h.Score)];
    }

    /// <summary>The exact optimum: the best of <see cref="AllSequences"/>.</summary>
    private static Hypothesis Exhaustive<TState>(DecodingStep<TState> step, TState initial, int maxLength, LengthPenalty penalty) =>
        AllSequences(step, initial, maxLength, penalty)[0];

    /// <summary>
    /// A random model whose sequences end by force: after <paramref name="limit"/> tokens only the end token is possible
    /// (the others get log-probability −∞), so the whole search space is the finite set of sequences of at most
    /// limit + 1 tokens, however large maxLength is. The state is (history hash, tokens so far).
    /// </summary>
    private static DecodingStep<(long History, int Count)> BoundedModel(int seed, int vocabulary, int limit)
    {
        var free = RandomModel(seed, vocabulary);
        return (state, last) =>
        {
            var (logProbabilities, history) = free(state.History, last);
            if (state.Count == limit)
                logProbabilities = Tensor.From(Enumerable.Range(0, vocabulary).Select(v => v == End ? 0.0 : double.NegativeInfinity).ToArray());
            return (logProbabilities, (history, state.Count + 1));
        };
    }

    /// <summary>
    /// Width 2, max length 2. Finished: [end] log 0.4; [a end] log 0.315 (0.35·0.9); [b end] log 0.125; cut at the
    /// limit: [b a] and [b b], log 0.0625. Raw scores rank [end] first; divided by the length (α = 1) [a end] wins
    /// (log 0.315/2 = −0.578 &gt; log 0.4 = −0.916); under GNMT's ((5 + len)/6)^α at α = 1 [end] wins again
    /// (−0.916 &gt; log 0.315/(7/6) = −0.990).
    /// </summary>
    [Fact]
    public void KeepsFinishedHypothesesAndRanksThemByTheLengthPenalty()
    {
        DecodingStep<int> step = Markov;
        var raw = SequenceDecoding.BeamSearch(step, 0, Start, End, beamWidth: 2, maxLength: 2);
        Assert.Equal([End], raw[0].Tokens);
        Assert.Equal(Math.Log(0.4), raw[0].LogProbability, 12);
        Assert.True(raw[0].Finished);
        Assert.Equal([1L, End], raw[1].Tokens);
        Assert.Equal(Math.Log(0.35 * 0.9), raw[1].LogProbability, 12);

        var perToken = SequenceDecoding.BeamSearch(step, 0, Start, End, 2, 2, LengthPenalty.Power(1));
        Assert.Equal([1L, End], perToken[0].Tokens);
        Assert.Equal(Math.Log(0.315) / 2, perToken[0].Score, 12);
        Assert.Equal([End], perToken[1].Tokens);

        var gnmt = SequenceDecoding.BeamSearch(step, 0, Start, End, 2, 2, LengthPenalty.Gnmt(1));
        Assert.Equal([End], gnmt[0].Tokens);
        Assert.Equal(Math.Log(0.315) / (7.0 / 6), gnmt[1].Score, 12);
    }

    [Fact]
    public void AStepThatRulesOutEveryTokenIsAnError()
    {
        DecodingStep<int> nothing = (s, _) => (Tensor.From([double.NegativeInfinity, double.NegativeInfinity]), s);
        var error = Assert.Throws<ArgumentException>(() => SequenceDecoding.Greedy(nothing, 0, Start, End, maxLength: 3));
        Assert.Contains("ruled out every token", error.Message);
    }

    [Fact]
    public void AtTheLengthLimitHypothesesComeBackUnfinished()
    {
        DecodingStep<int> alwaysA = (s, _) => (Tensor.From([Math.Log(0.1), Math.Log(0.9)]), s);
        var greedy = SequenceDecoding.Greedy(alwaysA, 0, Start, End, maxLength: 3);
        Assert.Equal([1L, 1, 1], greedy.Tokens);
        Assert.False(greedy.Finished);
        Assert.Equal(3 * Math.Log(0.9), greedy.LogProbability, 12);
        var beam = SequenceDecoding.BeamSearch(alwaysA, 0, Start, End, 1, 3);
        Assert.Equal(greedy.Tokens, beam[0].Tokens);
        Assert.False(beam[0].Finished);
    }

    /// <summary>The acceptance test of issue #12: V = 4, length ≤ 4, a beam of V⁴ = 256 prunes nothing.</summary>
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 0.0)]
    [InlineData(2, 1.0)]
    [InlineData(3, -1.0)] // −1 stands for GNMT with α = 0.6
    public void ABeamAsWideAsTheSearchSpaceFindsTheExhaustiveOptimum(int seed, double alpha)
    {
        const int vocabulary = 4, maxLength = 4;
        var penalty = alpha < 0 ? LengthPenalty.Gnmt(0.6) : alpha == 0 ? LengthPenalty.None : LengthPenalty.Power(alpha);
        var model = RandomModel(seed, vocabulary);
        var exact = Exhaustive(model, 0L, maxLength, penalty);
        var beam = SequenceDecoding.BeamSearch(model, 0L, Start, End, beamWidth: 256, maxLength, penalty)[0];
        Assert.Equal(exact.Tokens, beam.Tokens);
        Assert.Equal(exact.LogProbability, beam.LogProbability, 12);
        Assert.Equal(exact.Finished, beam.Finished);
        // A narrow beam may miss it, never beat it.
        Assert.True(SequenceDecoding.BeamSearch(model, 0L, Start, End, 2, maxLength, penalty)[0].Score <= exact.Score + 1e-12);
    }

    /// <summary>
    /// Early stopping when every beam has ended: on a model whose sequences all end within 4 tokens (V = 3: 1 + 2 + 4 + 8
    /// = 15 possible sequences) and maxLength 12, a beam of width 15 prunes nothing. It has every sequence finished after
    /// step 4, so it stops there: 1 + 2 + 4 + 8 = 15 model calls instead of running on to step 12 with ruled-out
    /// hypotheses. Its 15 results are the exhaustive enumeration in order, under all three penalties, and the same as
    /// without early stopping.
    /// </summary>
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 1.0)]
    [InlineData(2, -1.0)] // −1 stands for GNMT with α = 0.6
    public void EarlyStoppingEndsWhenEveryBeamHasEndedAndMatchesExhaustiveSearch(int seed, double alpha)
    {
        const int vocabulary = 3, limit = 3, maxLength = 12, everySequence = 15;
        var penalty = alpha < 0 ? LengthPenalty.Gnmt(0.6) : alpha == 0 ? LengthPenalty.None : LengthPenalty.Power(alpha);
        var model = BoundedModel(seed, vocabulary, limit);
        int calls = 0;
        DecodingStep<(long, int)> counted = (state, last) => { calls++; return model(state, last); };

        var early = SequenceDecoding.BeamSearch(counted, (0L, 0), Start, End, everySequence, maxLength, penalty);
        Assert.Equal(15, calls);
        var exact = AllSequences(model, (0L, 0), maxLength, penalty);
        Assert.Equal(everySequence, exact.Count);
        Assert.Equal(exact.Select(h => h.Tokens), early.Select(h => h.Tokens));
        for (int i = 0; i < everySequence; i++) Assert.Equal(exact[i].LogProbability, early[i].LogProbability, 12);

        calls = 0;
        var full = SequenceDecoding.BeamSearch(counted, (0L, 0), Start, End, everySequence, maxLength, penalty, earlyStopping: false);
        Assert.True(calls > 15, $"without early stopping the search made only {calls} calls");
        Assert.Equal(early, full, (a, b) => a.Tokens.SequenceEqual(b.Tokens) && a.LogProbability == b.LogProbability && a.Score == b.Score);
    }

    /// <summary>
    /// Early stopping never changes a result, only the work: on random models whose end token is likely (so beams end
    /// early), widths 1–4 and all three penalties give the same hypotheses as running to maxLength, in fewer calls
    /// overall. On the Markov-like model below, where the end token has probability 0.9 after every token, a beam of 2
    /// has two finished hypotheses ([end], log 0.9, and [a end], log 0.045) after step 2 while its best live one,
    /// [a a], has log 0.0025 &lt; 0.045: it stops after 1 + 2 = 3 calls instead of 1 + 2·19 = 39 at maxLength 20.
    /// </summary>
    [Fact]
    public void EarlyStoppingChangesNoResultOnlyTheWork()
    {
        DecodingStep<int> likelyEnd = (s, _) => (Tensor.From([Math.Log(0.9), Math.Log(0.05), Math.Log(0.05)]), s);
        int calls = 0;
        DecodingStep<int> counted = (s, last) => { calls++; return likelyEnd(s, last); };
        var stopped = SequenceDecoding.BeamSearch(counted, 0, Start, End, 2, 20);
        Assert.Equal(3, calls);
        Assert.Equal([End], stopped[0].Tokens);
        Assert.Equal([1L, End], stopped[1].Tokens);
        Assert.Equal(Math.Log(0.05 * 0.9), stopped[1].LogProbability, 12);
        calls = 0;
        SequenceDecoding.BeamSearch(counted, 0, Start, End, 2, 20, earlyStopping: false);
        Assert.Equal(39, calls);

        int earlyCalls = 0, fullCalls = 0;
        foreach (var penalty in new[] { LengthPenalty.None, LengthPenalty.Power(1), LengthPenalty.Gnmt(0.6) })
            for (int seed = 0; seed < 5; seed++)
                for (int width = 1; width <= 4; width++)
                {
                    var free = RandomModel(200 + seed, 4);
                    DecodingStep<long> model = (state, last) =>
                    {
                        var (logits, next) = free(state, last);
                        return ((logits.Exp() + Tensor.From([3.0, 0, 0, 0])).Log().LogSoftmax(0), next);   // end boosted
                    };
                    calls = 0;
                    var early = SequenceDecoding.BeamSearch(Counted(model), 0L, Start, End, width, 10, penalty);
                    earlyCalls += calls;
                    calls = 0;
                    var full = SequenceDecoding.BeamSearch(Counted(model), 0L, Start, End, width, 10, penalty, earlyStopping: false);
                    fullCalls += calls;
                    Assert.Equal(full.Select(h => (string.Join(' ', h.Tokens), h.LogProbability, h.Score, h.Finished)),
                        early.Select(h => (string.Join(' ', h.Tokens), h.LogProbability, h.Score, h.Finished)));
                }
        Assert.True(earlyCalls < fullCalls / 2, $"early stopping made {earlyCalls} calls against {fullCalls}");

        DecodingStep<long> Counted(DecodingStep<long> step) => (state, last) => { calls++; return step(state, last); };
    }

    /// <summary>
    /// Width 1 is greedy decoding. Wider beams find sequences at least as probable as greedy's on these random models
    /// (this is not a theorem: a wide beam can push greedy's prefix out and then end worse, which is why the seeds are
    /// fixed; the count of strict improvements shows the search does something).
    /// </summary>
    [Fact]
    public void WidthOneIsGreedyAndWiderBeamsAreAtLeastAsProbableAsGreedy()
    {
        int improved = 0;
        for (int seed = 0; seed < 20; seed++)
        {
            var model = RandomModel(100 + seed, 5);
            var greedy = SequenceDecoding.Greedy(model, 0L, Start, End, maxLength: 5);
            var one = SequenceDecoding.BeamSearch(model, 0L, Start, End, 1, 5)[0];
            Assert.Equal(greedy.Tokens, one.Tokens);
            Assert.Equal(greedy.LogProbability, one.LogProbability);
            var beam = SequenceDecoding.BeamSearch(model, 0L, Start, End, 4, 5)[0];
            Assert.True(beam.LogProbability >= greedy.LogProbability - 1e-12, $"seed {seed}: beam {beam} < greedy {greedy}");
            if (beam.LogProbability > greedy.LogProbability + 1e-9) improved++;
        }
        Assert.True(improved >= 3, $"beam search improved on greedy for only {improved} of 20 models");
    }

    /// <summary>
    /// Sampling at temperature 0 is greedy decoding; at temperature 1 a seed fixes the sequence, and the reported
    /// log-probability is the model's for the tokens drawn. On the Markov model the first token is the end token with
    /// probability 0.4: 2000 samples land within 5 binomial standard deviations (±110) of 800.
    /// </summary>
    [Fact]
    public void SamplingDrawsFromTheModelAndAtTemperatureZeroIsGreedy()
    {
        var model = RandomModel(7, 5);
        var greedy = SequenceDecoding.Greedy(model, 0L, Start, End, 6);
        Assert.Equal(greedy, SequenceDecoding.Sample(model, 0L, Start, End, 6, new SamplingOptions(0)) with { Tokens = greedy.Tokens });
        Assert.Equal(greedy.Tokens, SequenceDecoding.Sample(model, 0L, Start, End, 6, new SamplingOptions(0)).Tokens);
        var a = SequenceDecoding.Sample(model, 0L, Start, End, 6, new SamplingOptions(), new Generator(9));
        Assert.Equal(a.Tokens, SequenceDecoding.Sample(model, 0L, Start, End, 6, new SamplingOptions(), new Generator(9)).Tokens);
        double logP = 0;
        var (state, last) = (0L, Start);
        foreach (var token in a.Tokens)
        {
            var (logProbabilities, next) = model(state, last);
            logP += logProbabilities[(int)token].Item();
            (state, last) = (next, token);
        }
        Assert.Equal(logP, a.LogProbability, 12);

        DecodingStep<int> markov = Markov;
        var generator = new Generator(10);
        int ends = Enumerable.Range(0, 2000).Count(_ => SequenceDecoding.Sample(markov, 0, Start, End, 1, new SamplingOptions(), generator).Tokens[0] == End);
        Assert.InRange(ends, 800 - 110, 800 + 110);
    }

    [Fact]
    public void BadInputIsAnErrorNamingTheProblem()
    {
        DecodingStep<int> step = Markov;
        Assert.Contains("beam width must be at least 1, got 0", Assert.Throws<ArgumentException>(() => SequenceDecoding.BeamSearch(step, 0, Start, End, 0, 3)).Message);
        Assert.Contains("maxLength", Assert.Throws<ArgumentException>(() => SequenceDecoding.Greedy(step, 0, Start, End, 0)).Message);
        Assert.Contains("end token 7", Assert.Throws<ArgumentException>(() => SequenceDecoding.Greedy(step, 0, Start, 7, 3)).Message);
        DecodingStep<int> matrix = (s, _) => (Tensor.Zeros(2, 3), s);
        Assert.Contains("[2, 3]", Assert.Throws<ArgumentException>(() => SequenceDecoding.BeamSearch(matrix, 0, Start, End, 2, 3)).Message);
        DecodingStep<int> logits = (s, _) => (Tensor.From([1.0, 2.0]), s);
        Assert.Contains("log-softmax", Assert.Throws<ArgumentException>(() => SequenceDecoding.Greedy(logits, 0, Start, End, 3)).Message);
    }
}
