namespace Sharpgrad.NN;

/// <summary>
/// Drawing the next token of a sequence from a model's logits (GBC §10.2.1's free-running generation): temperature,
/// top-k and top-p (nucleus) filtering, then one categorical draw from a seeded <see cref="Generator"/>. The filtering
/// is a host-side algorithm on each row's V numbers (a sort and a cumulative sum), written on plain arrays.
/// </summary>
public static class TokenSampling
{
    /// <summary>
    /// The filtered distribution for logits [V] or [N, V]: float64 of the same shape, each row summing to 1, with zeros
    /// for the tokens cut. Logits may be −∞ (tokens ruled out) but not NaN, and each row needs a finite logit.
    /// </summary>
    public static Tensor Probabilities(Tensor logits, SamplingOptions options)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(options);
        if (logits.Rank is not (1 or 2) || !logits.DType.IsFloatingPoint() || logits.Shape[^1] == 0)
            throw new ArgumentException($"TokenSampling: expected floating-point logits [V] or [N, V] with V ≥ 1, got {logits.DType.Name()} of shape {logits.ShapeText}.");
        int vocabulary = logits.Shape[^1];
        var values = logits.Double().ToArray<double>();
        for (int row = 0; row < values.Length / vocabulary; row++)
            Filter(values.AsSpan(row * vocabulary, vocabulary), options, row);
        return Tensor.FromArray(values, logits.Shape.ToArray());
    }

    /// <summary>One token drawn per row of the filtered distribution: int64 [1] for logits [V], int64 [N] for [N, V].</summary>
    public static Tensor Sample(Tensor logits, SamplingOptions options, Generator? generator = null)
    {
        var probabilities = Probabilities(logits, options);
        var draws = probabilities.Multinomial(1, replacement: true, generator: generator);
        return logits.Rank == 1 ? draws : draws.Reshape(-1);
    }

    private static void Filter(Span<double> row, SamplingOptions options, int rowIndex)
    {
        int best = 0;
        for (int i = 0; i < row.Length; i++)
        {
            if (double.IsNaN(row[i]) || double.IsPositiveInfinity(row[i]))
                throw new ArgumentException($"TokenSampling: logits row {rowIndex} holds {row[i]} at token {i}; logits must be finite or −∞.");
            if (row[i] > row[best]) best = i;
        }
        if (double.IsNegativeInfinity(row[best]))
            throw new ArgumentException($"TokenSampling: every logit of row {rowIndex} is −∞; no token can be drawn.");
        if (options.Temperature == 0)
        {
            row.Clear();
            row[best] = 1;
            return;
        }
        // softmax(z/T) with the maximum subtracted (GBC §4.1)
        double max = row[best], sum = 0;
        for (int i = 0; i < row.Length; i++) sum += row[i] = Math.Exp((row[i] - max) / options.Temperature);
        for (int i = 0; i < row.Length; i++) row[i] /= sum;
        // Most probable first; OrderByDescending is stable, so equal probabilities keep the lower index first.
        var probabilities = row.ToArray();
        var order = Enumerable.Range(0, row.Length).OrderByDescending(i => probabilities[i]).ToArray();
        int keep = Math.Min(options.TopK ?? row.Length, row.Length);
        if (options.TopP is double p)
        {
            // The nucleus is taken from the top-k distribution renormalised, so the threshold is p times its mass.
            double topKMass = 0, cumulative = 0;
            for (int i = 0; i < keep; i++) topKMass += probabilities[order[i]];
            int nucleus = 0;
            while (nucleus < keep && cumulative < p * topKMass) cumulative += probabilities[order[nucleus++]];
            keep = Math.Max(nucleus, 1);
        }
        Renormalise(row, order.AsSpan(0, keep));
    }

    /// <summary>Zeroes every token outside <paramref name="kept"/> and divides the kept probabilities by their sum.</summary>
    private static void Renormalise(Span<double> row, ReadOnlySpan<int> kept)
    {
        double total = 0;
        var keptValues = new double[kept.Length];
        for (int i = 0; i < kept.Length; i++) total += keptValues[i] = row[kept[i]];
        row.Clear();
        for (int i = 0; i < kept.Length; i++) row[kept[i]] = keptValues[i] / total;
    }
}
