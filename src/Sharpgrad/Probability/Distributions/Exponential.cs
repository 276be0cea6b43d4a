namespace Sharpgrad.Probability;

/// <summary>
/// The exponential distribution λe^(−λx) on x ≥ 0 with <see cref="Rate"/> λ (GBC §3.9.4), as
/// torch.distributions.Exponential(rate). Its mean is 1/λ.
/// </summary>
public sealed class Exponential : Distribution
{
    public Exponential(Tensor rate) : base(rate.Shape, [])
    {
        Rate = Parameters.AsFloat(rate);
        Constraint.Positive.Validate(Rate, "Exponential: rate");
    }

    public Exponential(double rate) : this(Parameters.Scalar(rate)) { }

    /// <summary>The rate λ &gt; 0.</summary>
    public Tensor Rate { get; }

    public override Constraint Support => Constraint.NonNegative;
    public override bool HasRSample => true;
    public override Tensor Mean => Rate.Reciprocal();
    public override Tensor Variance => Rate.Square().Reciprocal();

    /// <summary>Inverse-CDF sampling: x = −log(1 − u)/λ with u uniform on [0, 1).</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator) =>
        -(-Tensor.Rand(ExtendedShape(sampleShape), Rate.DType, generator)).Log1p() / Rate;

    /// <summary>log p(x) = log λ − λx.</summary>
    protected override Tensor LogProbOf(Tensor value) => Rate.Log() - Rate * value;

    /// <summary>H = 1 − log λ.</summary>
    public override Tensor Entropy() => 1 - Rate.Log();
}
