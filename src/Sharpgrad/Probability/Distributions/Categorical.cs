namespace Sharpgrad.Probability;

/// <summary>
/// The categorical distribution over the labels 0 … K−1 (GBC §3.9.2), given by exactly one of <c>probs</c>
/// (non-negative, summing to 1 along the last dim) or unnormalised <c>logits</c>, as
/// torch.distributions.Categorical(probs=…, logits=…). The last dim indexes the K categories; the dims before it
/// are the batch shape, and an event is a single int64 label (event shape []).
/// </summary>
public sealed class Categorical : Distribution
{
    public Categorical(Tensor? probs = null, Tensor? logits = null) : base(BatchOf(probs, logits), [])
    {
        if (probs is not null)
        {
            var p = Parameters.AsFloat(probs);
            Constraint.Simplex.Validate(p, "Categorical: probs");
            Probs = p / p.Sum(-1, keepdim: true); // removes the rounding that Simplex tolerates
            Logits = ProbabilityMath.ClampProbs(Probs).Log();
        }
        else
        {
            var l = Parameters.AsFloat(logits!);
            Constraint.Real.Validate(l, "Categorical: logits");
            Logits = l - l.LogSumExp(-1, keepdim: true);
            Probs = l.Softmax(-1);
        }
    }

    private static int[] BatchOf(Tensor? probs, Tensor? logits)
    {
        if ((probs is null) == (logits is null)) throw new ArgumentException("Categorical: pass exactly one of probs or logits.");
        var parameter = (probs ?? logits)!;
        Parameters.RequireVector(parameter, probs is null ? "Categorical: logits" : "Categorical: probs");
        return parameter.Shape[..^1];
    }

    /// <summary>The probability of each category, normalised along the last dim.</summary>
    public Tensor Probs { get; }

    /// <summary>
    /// Normalised log-probabilities (logits minus their log-sum-exp). When built from probs, they are the log of
    /// probs clamped to [ε, 1 − ε] (as PyTorch), so an impossible category has a large negative, finite logit.
    /// </summary>
    public Tensor Logits { get; }

    /// <summary>The number of categories K.</summary>
    public int NumCategories => Probs.Size(-1);

    public override Constraint Support => Constraint.IntegerInterval(0, NumCategories - 1);

    /// <summary>NaN, as PyTorch: the labels are names, not quantities, so their mean is undefined.</summary>
    public override Tensor Mean => Tensor.Full(BatchShape, double.NaN, Probs.DType);

    /// <summary>NaN, as PyTorch (see <see cref="Mean"/>).</summary>
    public override Tensor Variance => Tensor.Full(BatchShape, double.NaN, Probs.DType);

    /// <summary>
    /// Inverse-CDF sampling: the label is the number of cumulative probabilities F₀ ≤ F₁ ≤ … that do not exceed a
    /// uniform u, so label k is drawn with probability Fₖ − Fₖ₋₁ = pₖ. The cumulative sums are formed in float64 and
    /// divided by their last entry, so F_(K−1) = 1 exactly and a zero-probability category is never drawn.
    /// </summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        int k = NumCategories;
        var upperTriangle = Tensor.Arange(k).Unsqueeze(1).Le(Tensor.Arange(k).Unsqueeze(0)).To(DType.Float64);
        var cdf = Probs.Double().MatMul(upperTriangle); // cdf[j] = Σ_{i ≤ j} p_i
        cdf = cdf / cdf.Narrow(-1, k - 1, 1);
        var u = Tensor.Rand([.. ExtendedShape(sampleShape), 1], DType.Float64, generator);
        return cdf.Le(u).Long().Sum(-1);
    }

    /// <summary>log p(k) = the k-th normalised logit.</summary>
    protected override Tensor LogProbOf(Tensor value)
    {
        var index = value.Long().Unsqueeze(-1);
        var batch = ShapeUtil.Broadcast(index.Shape[..^1], BatchShape, "Categorical.LogProb");
        return Logits.Expand([.. batch, NumCategories]).Gather(-1, index.Expand([.. batch, 1])).Squeeze(-1);
    }

    /// <summary>H = −Σ pₖ log pₖ with 0 · log 0 = 0: a −∞ logit is clamped to the dtype's lowest value first (as PyTorch).</summary>
    public override Tensor Entropy() => -(Probs * Logits.Clamp(min: FloatLimits.Lowest(Logits.DType))).Sum(-1);
}
