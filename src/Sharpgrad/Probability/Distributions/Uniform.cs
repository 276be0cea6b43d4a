namespace Sharpgrad.Probability;

/// <summary>
/// The continuous uniform distribution on the half-open interval [<see cref="Low"/>, <see cref="High"/>)
/// (GBC §3.3.2), as torch.distributions.Uniform(low, high).
/// </summary>
public sealed class Uniform : Distribution
{
    public Uniform(Tensor low, Tensor high) : this(Parameters.Broadcast("Uniform", low, high)) { }

    public Uniform(double low, double high) : this(Parameters.Scalar(low), Parameters.Scalar(high)) { }

    private Uniform(Tensor[] p) : base(p[0].Shape, [])
    {
        (Low, High) = (p[0], p[1]);
        Constraint.Real.Validate(Low, "Uniform: low");
        Constraint.Real.Validate(High, "Uniform: high");
        using (Autograd.NoGrad())
        {
            var bad = Low.Ge(High);
            if (bad.Any())
                throw new ArgumentException(
                    $"Uniform: low must be less than high, got low = {Constraint.Format(Low.MaskedSelect(bad)[0])} and high = {Constraint.Format(High.MaskedSelect(bad)[0])}.");
        }
    }

    public Tensor Low { get; }
    public Tensor High { get; }

    public override Constraint Support => Constraint.HalfOpenInterval(Low, High);
    public override bool HasRSample => true;
    public override Tensor Mean => (Low + High) / 2;
    public override Tensor Variance => (High - Low).Square() / 12;

    /// <summary>x = low + (high − low)·u with u uniform on [0, 1).</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator) =>
        Low + (High - Low) * Tensor.Rand(ExtendedShape(sampleShape), Low.DType, generator);

    /// <summary>log p(x) = −log(high − low) inside the interval (broadcast to the value's shape).</summary>
    protected override Tensor LogProbOf(Tensor value)
    {
        var inside = (value.Ge(Low).To(Low.DType) * value.Lt(High).To(Low.DType)).Log(); // 0 here: LogProb checked the support
        return inside - (High - Low).Log();
    }

    /// <summary>H = log(high − low).</summary>
    public override Tensor Entropy() => (High - Low).Log();
}
