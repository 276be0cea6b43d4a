namespace Sharpgrad.NN;

/// <summary>
/// Greedy decoding, beam search and sampling over any autoregressive model given as a <see cref="DecodingStep{TState}"/>
/// (Sutskever et al. 2014 §3.2; Buduma ch7; GBC §10.2.1 for why decoding is a search). All start from the start
/// token and stop a sequence at the end token or at <c>maxLength</c> generated tokens; greedy and beam search are
/// deterministic (ties go to the lower token index, then the earlier hypothesis), sampling is for a seed. The model's outputs are read on the host: decoding is a search over
/// a few numbers per step, not tensor arithmetic.
/// </summary>
public static class SequenceDecoding
{
    /// <summary>The most probable token at every step (beam search of width 1 gives the same sequence).</summary>
    public static Hypothesis Greedy<TState>(DecodingStep<TState> step, TState initial, long startToken, long endToken, int maxLength,
        LengthPenalty? lengthPenalty = null) =>
        Walk("SequenceDecoding.Greedy", step, initial, startToken, endToken, maxLength, lengthPenalty, logProbabilities =>
        {
            int best = 0;
            for (int v = 1; v < logProbabilities.Length; v++)
                if (logProbabilities[v] > logProbabilities[best]) best = v;
            return best;
        });

    /// <summary>One hypothesis, extended by the token <paramref name="choose"/> picks from each step's log-probabilities.</summary>
    private static Hypothesis Walk<TState>(string name, DecodingStep<TState> step, TState initial, long startToken, long endToken, int maxLength,
        LengthPenalty? lengthPenalty, Func<double[], int> choose)
    {
        ArgumentNullException.ThrowIfNull(step);
        CheckLength(name, maxLength);
        var tokens = new List<long>();
        double logP = 0;
        var (state, last) = (initial, startToken);
        bool finished = false;
        while (tokens.Count < maxLength && !finished)
        {
            var (logProbabilities, next) = step(state, last);
            var values = Read(name, logProbabilities, endToken);
            int token = choose(values);
            tokens.Add(token);
            logP += values[token];
            (state, last, finished) = (next, token, token == endToken);
        }
        var penalty = lengthPenalty ?? LengthPenalty.None;
        return new Hypothesis([.. tokens], logP, penalty.Score(logP, tokens.Count), finished);
    }

    /// <summary>
    /// Free-running generation (ancestral sampling, GBC §10.2.1 and §16.3): each token is drawn from the step's
    /// distribution filtered by <paramref name="options"/> (<see cref="TokenSampling"/>), until the end token or
    /// <paramref name="maxLength"/>. The hypothesis's log-probability is the model's, Σ log P(yₜ | y&lt;t), before
    /// filtering. Temperature 0 gives the greedy sequence.
    /// </summary>
    public static Hypothesis Sample<TState>(DecodingStep<TState> step, TState initial, long startToken, long endToken, int maxLength,
        SamplingOptions options, Generator? generator = null, LengthPenalty? lengthPenalty = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Walk("SequenceDecoding.Sample", step, initial, startToken, endToken, maxLength, lengthPenalty,
            logProbabilities => (int)TokenSampling.Sample(Tensor.From(logProbabilities), options, generator).Item());
    }

    /// <summary>
    /// Beam search: at every step each of the (at most) <paramref name="beamWidth"/> live hypotheses is extended by every
    /// token, and the candidates are ranked by total log-probability. A candidate ending in the end token that ranks among
    /// the first <paramref name="beamWidth"/> is finished and kept aside; the best <paramref name="beamWidth"/> others stay
    /// live (so the beam stays full while finished ones accumulate, as in GNMT and fairseq). At <paramref name="maxLength"/>
    /// the live hypotheses are kept unfinished. The search runs until no hypothesis is live, and returns the best
    /// <paramref name="beamWidth"/> hypotheses by <paramref name="lengthPenalty"/>-normalised score, best first. With a beam
    /// as wide as the whole search space nothing is pruned, so the first result is the exhaustive search's optimum.
    /// <para><b>Early stopping</b> (on by default) ends the search once the live hypotheses can no longer change the
    /// result: when <paramref name="beamWidth"/> hypotheses have finished and none of the live ones, however it goes on,
    /// can score above the worst of the best <paramref name="beamWidth"/> finished. The bound is exact, not a heuristic:
    /// log-probabilities are ≤ 0, so extending a hypothesis never raises its log P, and lp(len) ≥ 1 grows with the
    /// length, so the best any continuation of a live hypothesis can score is log P / lp(<paramref name="maxLength"/>)
    /// (the raw log P without a penalty). The results are therefore the same as without it, in fewer steps.</para>
    /// </summary>
    public static IReadOnlyList<Hypothesis> BeamSearch<TState>(DecodingStep<TState> step, TState initial, long startToken, long endToken,
        int beamWidth, int maxLength, LengthPenalty? lengthPenalty = null, bool earlyStopping = true)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (beamWidth < 1) throw new ArgumentException($"SequenceDecoding.BeamSearch: beam width must be at least 1, got {beamWidth}.", nameof(beamWidth));
        CheckLength("SequenceDecoding.BeamSearch", maxLength);
        var penalty = lengthPenalty ?? LengthPenalty.None;
        var finished = new List<Hypothesis>();
        var live = new List<(long[] Tokens, double LogP, TState State)> { ([], 0, initial) };
        for (int length = 1; length <= maxLength && live.Count > 0; length++)
        {
            var candidates = new List<(int Parent, long Token, double LogP, TState State)>();
            for (int b = 0; b < live.Count; b++)
            {
                var (tokens, logP, state) = live[b];
                var (logProbabilities, next) = step(state, tokens.Length == 0 ? startToken : tokens[^1]);
                var values = Read("SequenceDecoding.BeamSearch", logProbabilities, endToken);
                for (int v = 0; v < values.Length; v++) candidates.Add((b, v, logP + values[v], next));
            }
            // OrderByDescending is stable: equal scores keep (hypothesis, token) order.
            var ranked = candidates.OrderByDescending(c => c.LogP).ToList();
            var nextLive = new List<(long[] Tokens, double LogP, TState State)>();
            for (int rank = 0; rank < ranked.Count && nextLive.Count < beamWidth; rank++)
            {
                var (parent, token, logP, state) = ranked[rank];
                long[] tokens = [.. live[parent].Tokens, token];
                if (token == endToken)
                {
                    if (rank < beamWidth) finished.Add(new Hypothesis(tokens, logP, penalty.Score(logP, tokens.Length), true));
                }
                else if (length == maxLength)
                {
                    finished.Add(new Hypothesis(tokens, logP, penalty.Score(logP, tokens.Length), false));
                    nextLive.Add((tokens, logP, state)); // counts towards the width; the loop ends after this step
                }
                else nextLive.Add((tokens, logP, state));
            }
            live = length == maxLength ? [] : nextLive;
            if (earlyStopping && !CanStillImprove(finished, live.Select(h => h.LogP), beamWidth, maxLength, penalty)) break;
        }
        return [.. finished.OrderByDescending(h => h.Score).Take(beamWidth)];
    }

    /// <summary>
    /// Whether a continuation of a live hypothesis (log-probabilities <paramref name="liveLogP"/>) could still enter
    /// the best <paramref name="beamWidth"/> finished ones: yes while fewer have finished, else when its best possible
    /// score, log P / lp(maxLength), beats the worst of them (an equal score would rank after it: the sort is stable).
    /// </summary>
    private static bool CanStillImprove(List<Hypothesis> finished, IEnumerable<double> liveLogP, int beamWidth, int maxLength, LengthPenalty penalty)
    {
        if (finished.Count < beamWidth) return true;
        double worstKept = finished.Select(h => h.Score).OrderDescending().ElementAt(beamWidth - 1);
        return liveLogP.Any(logP => penalty.Score(logP, maxLength) > worstKept);
    }

    private static void CheckLength(string name, int maxLength)
    {
        if (maxLength < 1) throw new ArgumentException($"{name}: maxLength must be at least 1, got {maxLength}.", nameof(maxLength));
    }

    private static double[] Read(string name, Tensor logProbabilities, long endToken)
    {
        if (logProbabilities is null || logProbabilities.Rank != 1 || !logProbabilities.DType.IsFloatingPoint())
            throw new ArgumentException($"{name}: the step must return floating-point log-probabilities [V], got {(logProbabilities is null ? "null" : $"{logProbabilities.DType.Name()} of shape {logProbabilities.ShapeText}")}.");
        var values = logProbabilities.Double().ToArray<double>();
        if (endToken < 0 || endToken >= values.Length)
            throw new ArgumentException($"{name}: the end token {endToken} is outside the vocabulary of {values.Length} tokens returned by the step.");
        foreach (double v in values)
            if (double.IsNaN(v) || v > 1e-9)
                throw new ArgumentException($"{name}: the step returned {v} among its log-probabilities; expected values ≤ 0 (log-softmax of the logits).");
        if (!values.Any(double.IsFinite))
            throw new ArgumentException($"{name}: the step ruled out every token (all {values.Length} log-probabilities are −∞); nothing can be decoded.");
        return values;
    }
}
