namespace Sharpgrad.Probability;

/// <summary>
/// The Gamma distribution with density βᵅ x^(α−1) e^(−βx) / Γ(α) on x ≥ 0, shape <see cref="Concentration"/> α and
/// <see cref="Rate"/> β — torch.distributions.Gamma(concentration, rate); the scale is 1/β. Mean α/β.
/// </summary>
public sealed class Gamma : Distribution
{
    public Gamma(Tensor concentration, Tensor rate) : this(Parameters.Broadcast("Gamma", concentration, rate)) { }

    public Gamma(double concentration, double rate) : this(Parameters.Scalar(concentration), Parameters.Scalar(rate)) { }

    private Gamma(Tensor[] p) : base(p[0].Shape, [])
    {
        (Concentration, Rate) = (p[0], p[1]);
        Constraint.Positive.Validate(Concentration, "Gamma: concentration");
        Constraint.Positive.Validate(Rate, "Gamma: rate");
    }

    /// <summary>The shape α &gt; 0.</summary>
    public Tensor Concentration { get; }

    /// <summary>The rate β &gt; 0 (inverse scale).</summary>
    public Tensor Rate { get; }

    public override Constraint Support => Constraint.NonNegative;
    public override bool HasRSample => true;
    public override Tensor Mean => Concentration / Rate;
    public override Tensor Variance => Concentration / Rate.Square();

    /// <summary>Marsaglia–Tsang Gamma(α, 1) draws divided by β; gradients reach α by implicit reparameterisation.</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator) =>
        StandardGamma.Sample(Concentration, ExtendedShape(sampleShape), generator) / Rate;

    /// <summary>log p(x) = α log β + (α − 1) log x − βx − log Γ(α).</summary>
    protected override Tensor LogProbOf(Tensor value) =>
        ProbabilityMath.XLogY(Concentration, Rate) + ProbabilityMath.XLogY(Concentration - 1, value)
        - Rate * value - Concentration.Lgamma();

    /// <summary>H = α − log β + log Γ(α) + (1 − α)ψ(α).</summary>
    public override Tensor Entropy() =>
        Concentration - Rate.Log() + Concentration.Lgamma() + (1 - Concentration) * Concentration.Digamma();
}
