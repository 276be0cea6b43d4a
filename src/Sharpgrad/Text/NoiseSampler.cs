namespace Sharpgrad.Text;

/// <summary>
/// Draws word indices from the smoothed unigram distribution P(w) = c(w)^α / Σ c^α used as the noise distribution
/// of negative sampling (Mikolov et al. 2013 found α = 3/4 best). Walker's alias method (Vose's construction) makes
/// each draw O(1) and exact up to double rounding, where word2vec's 10⁸-entry table rounds every probability to a
/// multiple of 10⁻⁸. Each draw takes exactly two numbers from the <see cref="Generator"/>: a column, then a coin.
/// </summary>
public sealed class NoiseSampler
{
    private readonly double[] threshold; // the probability of keeping column i rather than taking its alias
    private readonly int[] alias;
    private readonly double[] probabilities;

    public NoiseSampler(IReadOnlyList<long> counts, double power = 0.75)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0) throw new ArgumentException("NoiseSampler: expected at least one word count, got none.", nameof(counts));
        if (!double.IsFinite(power) || power < 0) throw new ArgumentException($"NoiseSampler: power must be finite and non-negative, got {power}.", nameof(power));
        var weights = new double[counts.Count];
        for (int i = 0; i < weights.Length; i++)
        {
            if (counts[i] < 0) throw new ArgumentException($"NoiseSampler: counts must be non-negative, got {counts[i]} at index {i}.", nameof(counts));
            weights[i] = counts[i] == 0 ? 0 : Math.Pow(counts[i], power);
        }
        double total = weights.Sum();
        if (total == 0) throw new ArgumentException($"NoiseSampler: every one of the {counts.Count} counts is zero; there is nothing to sample.", nameof(counts));
        probabilities = [.. weights.Select(w => w / total)];
        (threshold, alias) = BuildAliasTable(probabilities);
    }

    /// <summary>The number of words sampled from.</summary>
    public int Count => probabilities.Length;

    /// <summary>P(i) = c_i^α / Σ c^α.</summary>
    public IReadOnlyList<double> Probabilities => probabilities;

    /// <summary>One word index drawn from <see cref="Probabilities"/>.</summary>
    public int Sample(Generator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        int column = (int)generator.NextInt64(probabilities.Length);
        return generator.NextDouble() < threshold[column] ? column : alias[column];
    }

    /// <summary><paramref name="n"/> independent draws, in order.</summary>
    public int[] Sample(int n, Generator generator)
    {
        if (n < 0) throw new ArgumentException($"NoiseSampler.Sample: n must be non-negative, got {n}.", nameof(n));
        var draws = new int[n];
        for (int i = 0; i < n; i++) draws[i] = Sample(generator);
        return draws;
    }

    /// <summary>
    /// Vose (1991): scale the probabilities so they average 1, then repeatedly top up a column below 1 ("small") with
    /// mass from one above 1 ("large"), which becomes its alias. Each column ends up holding its own share plus at
    /// most one alias, so one uniform column and one coin reproduce the distribution exactly.
    /// </summary>
    private static (double[] Threshold, int[] Alias) BuildAliasTable(double[] probabilities)
    {
        int n = probabilities.Length;
        var threshold = new double[n];
        var alias = new int[n];
        var scaled = probabilities.Select(p => p * n).ToArray();
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (int i = n - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).Push(i);
        while (small.Count > 0 && large.Count > 0)
        {
            int less = small.Pop(), more = large.Pop();
            threshold[less] = scaled[less];
            alias[less] = more;
            scaled[more] = scaled[more] + scaled[less] - 1;
            (scaled[more] < 1 ? small : large).Push(more);
        }
        // What is left is 1 up to rounding: such a column always keeps itself.
        foreach (int i in large.Concat(small))
        {
            threshold[i] = 1;
            alias[i] = i;
        }
        return (threshold, alias);
    }
}
