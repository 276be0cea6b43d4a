namespace Sharpgrad.Probability;

/// <summary>
/// The Bernoulli distribution over {0, 1} (GBC §3.9.1), given by exactly one of <c>probs</c> P(x = 1) or
/// <c>logits</c> log(p/(1 − p)), as torch.distributions.Bernoulli(probs=…, logits=…). Samples have the parameter's
/// float dtype.
/// </summary>
public sealed class Bernoulli : Distribution
{
    public Bernoulli(Tensor? probs = null, Tensor? logits = null) : base(OnlyOne(probs, logits).Shape, [])
    {
        if (probs is not null)
        {
            Probs = Parameters.AsFloat(probs);
            Constraint.UnitInterval.Validate(Probs, "Bernoulli: probs");
            Logits = ProbabilityMath.BinaryLogits(Probs);
        }
        else
        {
            Logits = Parameters.AsFloat(logits!);
            Constraint.Real.Validate(Logits, "Bernoulli: logits");
            Probs = Logits.Sigmoid();
        }
    }

    public Bernoulli(double? probs = null, double? logits = null)
        : this(probs is { } p ? Parameters.Scalar(p) : null, logits is { } l ? Parameters.Scalar(l) : null) { }

    private static Tensor OnlyOne(Tensor? probs, Tensor? logits) =>
        (probs is null) != (logits is null) ? (probs ?? logits)!
        : throw new ArgumentException("Bernoulli: pass exactly one of probs or logits.");

    /// <summary>P(x = 1). When built from probs this is the tensor given.</summary>
    public Tensor Probs { get; }

    /// <summary>
    /// The log-odds σ⁻¹(p). When built from probs, p is first clamped to [ε, 1 − ε] (as PyTorch), so p = 0 gives
    /// a large negative logit rather than −∞.
    /// </summary>
    public Tensor Logits { get; }

    public override Constraint Support => Constraint.Boolean;
    public override Tensor Mean => Probs;
    public override Tensor Variance => Probs * (1 - Probs);

    /// <summary>x = 1 where u &lt; p for u uniform on [0, 1).</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator) =>
        Tensor.Rand(ExtendedShape(sampleShape), Probs.DType, generator).Lt(Probs).To(Probs.DType);

    /// <summary>log p(x) = x·ℓ − ζ(ℓ) with ℓ the logit and ζ the softplus: −BCE-with-logits, stable for any ℓ.</summary>
    protected override Tensor LogProbOf(Tensor value) => value * Logits - Logits.Softplus();

    /// <summary>H = −p log p − (1 − p) log(1 − p), with 0 · log 0 = 0, so a certain outcome has entropy exactly 0.</summary>
    public override Tensor Entropy() => -(ProbabilityMath.XLogY(Probs, Probs) + ProbabilityMath.XLogY(1 - Probs, 1 - Probs));
}
