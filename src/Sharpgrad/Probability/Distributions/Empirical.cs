namespace Sharpgrad.Probability;

/// <summary>
/// The empirical distribution p̂(x) = (1/m) Σᵢ δ(x − x⁽ⁱ⁾) of m observed <see cref="Samples"/> (GBC eq. 3.28): it puts
/// mass 1/m on each, which is the distribution that maximises the likelihood of the training data. The first dim
/// of <c>samples</c> indexes the m observations and the rest is the event shape; the batch shape is [].
/// </summary>
public sealed class Empirical : Distribution
{
    public Empirical(Tensor samples) : base([], EventOf(samples))
    {
        Samples = Parameters.AsFloat(samples);
        Constraint.Real.Validate(Samples, "Empirical: samples");
    }

    private static int[] EventOf(Tensor samples)
    {
        if (samples.Rank == 0 || samples.Size(0) == 0)
            throw new ArgumentException($"Empirical: samples must have a first dim holding at least one observation, got shape {ShapeUtil.Format(samples.Shape)}.");
        return samples.Shape[1..];
    }

    /// <summary>The m observations, stacked along the first dim.</summary>
    public Tensor Samples { get; }

    /// <summary>The number of observations m.</summary>
    public int Count => Samples.Size(0);

    public override Constraint Support => Constraint.Real;

    public override Tensor Mean => Samples.Mean(0);

    /// <summary>The population variance (1/m) Σ(x⁽ⁱ⁾ − x̄)², which is exact for this distribution (no Bessel correction).</summary>
    public override Tensor Variance => Samples.Var(0, unbiased: false);

    /// <summary>Picks observations uniformly at random, with replacement.</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        var picks = Tensor.RandInt(0, Count, [ShapeUtil.Count(sampleShape)], generator);
        return Samples.IndexSelect(0, picks).Reshape(ExtendedShape(sampleShape));
    }

    /// <summary>
    /// log(c/m), where c counts the observations equal to the value (−∞ if none). It compares the value with every
    /// observation, so it costs O(m) per value.
    /// </summary>
    protected override Tensor LogProbOf(Tensor value)
    {
        using var _ = Autograd.NoGrad();
        int eventDims = EventShape.Length;
        var mismatches = value.Unsqueeze(value.Rank - eventDims).Ne(Samples).Long(); // [..., m, event]
        if (eventDims > 0) mismatches = mismatches.Sum([.. Enumerable.Range(mismatches.Rank - eventDims, eventDims)]);
        var count = mismatches.Eq(0).To(Samples.DType).Sum(-1);
        return (count / Count).Log();
    }

    /// <summary>
    /// H = −Σ p̂ log p̂ over the distinct observations, computed as −(1/m) Σᵢ log p̂(x⁽ⁱ⁾): log m when all are
    /// distinct, less when some repeat. Compares all pairs, so it costs O(m²).
    /// </summary>
    public override Tensor Entropy() => -LogProbOf(Samples).Mean();
}
