namespace Sharpgrad;

// Discrete sampling on a seeded Generator. Samples are drawn one after another from the generator's single stream,
// so a seed gives the same samples on every machine and at every thread count (docs/design.md, Kernels and determinism).
public sealed partial class Tensor
{
    /// <summary>
    /// <paramref name="numSamples"/> category indices drawn from each row of this 1-D [C] or 2-D [R, C] tensor of
    /// non-negative weights (need not sum to 1), with probability proportional to the weight (torch.multinomial).
    /// Without <paramref name="replacement"/> a drawn category is not drawn again in its row. Returns int64
    /// [numSamples] or [R, numSamples].
    /// </summary>
    public Tensor Multinomial(int numSamples, bool replacement = false, Generator? generator = null)
    {
        if (Rank is not (1 or 2) || !DType.IsFloatingPoint())
            throw new ArgumentException($"Multinomial: expects a 1-D or 2-D floating-point tensor of weights, got {DType.Name()} of shape {ShapeText}.");
        if (numSamples <= 0) throw new ArgumentException($"Multinomial: numSamples must be positive, got {numSamples}.");
        int categories = shape[^1], rows = Rank == 1 ? 1 : shape[0];
        if (!replacement && numSamples > categories)
            throw new ArgumentException($"Multinomial: cannot draw {numSamples} samples from {categories} categories without replacement (n_sample > prob_dist.size(-1)).");
        var weights = Double().ToArray<double>();
        var gen = generator ?? Generator.Default;
        var samples = new long[rows * numSamples];
        for (int r = 0; r < rows; r++)
        {
            var row = weights.AsSpan(r * categories, categories);
            CheckMultinomialRow(row, r, numSamples, replacement);
            for (int s = 0; s < numSamples; s++)
            {
                int pick = DrawCategory(row, gen);
                samples[r * numSamples + s] = pick;
                if (!replacement) row[pick] = 0;
            }
        }
        return FromArray(samples, Rank == 1 ? [numSamples] : [rows, numSamples]);
    }

    private static void CheckMultinomialRow(ReadOnlySpan<double> row, int r, int numSamples, bool replacement)
    {
        int positive = 0;
        double sum = 0;
        foreach (double w in row)
        {
            if (!double.IsFinite(w) || w < 0)
                throw new ArgumentException($"Multinomial: the weights contain inf, NaN or an element < 0 (row {r} has {w}).");
            sum += w;
            if (w > 0) positive++;
        }
        if (sum <= 0)
            throw new ArgumentException($"Multinomial: invalid distribution in row {r}: the weights sum to {sum} (sum of probabilities <= 0).");
        if (!replacement && positive < numSamples)
            throw new ArgumentException($"Multinomial: row {r} has {positive} categories of nonzero weight, too few for {numSamples} samples without replacement.");
    }

    /// <summary>Inverts the cumulative weights at a uniform point: category i with probability w[i]/Σw (zero weights never drawn).</summary>
    private static int DrawCategory(ReadOnlySpan<double> row, Generator gen)
    {
        double total = 0;
        foreach (double w in row) total += w;
        double u = gen.NextDouble() * total, cumulative = 0;
        int pick = -1;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] <= 0) continue;
            pick = i;
            cumulative += row[i];
            if (u < cumulative) break; // else rounding left u past the total: keep the last positive category
        }
        return pick;
    }

    /// <summary>1 with probability p and 0 otherwise, for each element p of this probability tensor, in its dtype (torch.bernoulli).</summary>
    public Tensor Bernoulli(Generator? generator = null)
    {
        if (!DType.IsFloatingPoint())
            throw new ArgumentException($"Bernoulli: expects a floating-point tensor of probabilities, got {DType.Name()}.");
        var p = Double().ToArray<double>();
        int bad = Array.FindIndex(p, v => !(v >= 0 && v <= 1));
        if (bad >= 0) throw new ArgumentException($"Bernoulli: probabilities must lie in [0, 1], got {p[bad]} at element {bad}.");
        return BernoulliDraws(i => p[i], generator);
    }

    /// <summary>A tensor of this one's shape and dtype holding independent Bernoulli(<paramref name="p"/>) draws (x.bernoulli(p)).</summary>
    public Tensor Bernoulli(double p, Generator? generator = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentException($"Bernoulli: p must lie in [0, 1], got {p}.");
        return BernoulliDraws(_ => p, generator);
    }

    /// <summary>Draw i is 1 when a uniform u in [0, 1) falls below p_i, so p = 0 never and p = 1 always gives 1.</summary>
    private Tensor BernoulliDraws(Func<int, double> probability, Generator? generator)
    {
        var gen = generator ?? Generator.Default;
        var draws = new double[Count];
        for (int i = 0; i < draws.Length; i++) draws[i] = gen.NextDouble() < probability(i) ? 1 : 0;
        return FromArray(draws, Rank == 0 ? [1] : shape).Reshape(shape).To(DType);
    }
}
