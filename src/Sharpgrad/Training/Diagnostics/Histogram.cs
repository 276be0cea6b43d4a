namespace Sharpgrad.Training;

/// <summary>
/// Counts of values in equal-width bins, the data behind an activation or gradient histogram (GBC §11.5: look at
/// the distribution of activations and gradients to find saturated or dead units and vanishing or exploding
/// gradients). Bins are half-open [eᵢ, eᵢ₊₁) except the last, which includes its right edge, as numpy.histogram.
/// Computed with tensor ops; the CLI renders it as a PNG.
/// </summary>
/// <param name="Edges">bins + 1 increasing edges</param>
/// <param name="Counts">the number of values in each bin</param>
public sealed record Histogram(double[] Edges, long[] Counts)
{
    /// <summary>The number of values counted.</summary>
    public long Total => Counts.Sum();

    /// <summary>
    /// The histogram of every element of <paramref name="values"/> in <paramref name="bins"/> bins spanning
    /// [<paramref name="min"/>, <paramref name="max"/>] (default: the data's range; a constant tensor gets the range
    /// value ± 0.5, as numpy). Values outside an explicit range are not counted. NaN values raise an error.
    /// </summary>
    public static Histogram Of(Tensor values, int bins = 30, double? min = null, double? max = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), $"Histogram.Of: bins must be at least 1, got {bins}.");
        if (!values.DType.IsFloatingPoint() && values.DType != DType.Int64)
            throw new ArgumentException($"Histogram.Of: expected a numeric tensor, got {values.DType.Name()}.");
        if (values.Count == 0) throw new ArgumentException("Histogram.Of: the tensor has no elements.");
        using var _ = Autograd.NoGrad();
        var x = values.Detach().Reshape(-1).Double();
        double low = min ?? x.Min().Item(), high = max ?? x.Max().Item();
        if (double.IsNaN(low) || double.IsNaN(high))
            throw new ArgumentException($"Histogram.Of: the values contain NaN (shape {values.ShapeText}).");
        if (!(low <= high) || double.IsInfinity(low) || double.IsInfinity(high))
            throw new ArgumentException($"Histogram.Of: the range [{low}, {high}] must be finite with min ≤ max.");
        if (low == high) (low, high) = (low - 0.5, high + 0.5);
        if (min is not null || max is not null)
        {
            var inside = (x.Ge(low).Long() * x.Le(high).Long()).Bool();
            x = x.MaskedSelect(inside);
        }

        var edges = Tensor.Linspace(low, high, bins + 1, DType.Float64).ToArray<double>();
        var counts = new long[bins];
        if (x.Count > 0)
        {
            // Bin index ⌊(x − low)/width⌋, with x = high put in the last bin. Truncation is floor for the clamped, non-negative values.
            var bin = ((x - low) * (bins / (high - low))).Clamp(0, bins - 1).Long();
            counts = Tensor.Zeros([bins], DType.Int64).ScatterAdd(0, bin, Tensor.OnesLike(bin)).ToArray<long>();
        }
        return new Histogram(edges, counts);
    }
}
