namespace Sharpgrad.Probability;

/// <summary>
/// The Beta distribution x^(α−1) (1−x)^(β−1) / B(α, β) on [0, 1], as torch.distributions.Beta(concentration1,
/// concentration0): <see cref="Concentration1"/> α weighs x and <see cref="Concentration0"/> β weighs 1 − x.
/// </summary>
public sealed class Beta : Distribution
{
    public Beta(Tensor concentration1, Tensor concentration0) : this(Parameters.Broadcast("Beta", concentration1, concentration0)) { }

    public Beta(double concentration1, double concentration0) : this(Parameters.Scalar(concentration1), Parameters.Scalar(concentration0)) { }

    private Beta(Tensor[] p) : base(p[0].Shape, [])
    {
        (Concentration1, Concentration0) = (p[0], p[1]);
        Constraint.Positive.Validate(Concentration1, "Beta: concentration1");
        Constraint.Positive.Validate(Concentration0, "Beta: concentration0");
    }

    /// <summary>α &gt; 0, the exponent of x.</summary>
    public Tensor Concentration1 { get; }

    /// <summary>β &gt; 0, the exponent of 1 − x.</summary>
    public Tensor Concentration0 { get; }

    private Tensor Total => Concentration1 + Concentration0;

    public override Constraint Support => Constraint.UnitInterval;
    public override bool HasRSample => true;
    public override Tensor Mean => Concentration1 / Total;
    public override Tensor Variance => Concentration1 * Concentration0 / (Total.Square() * (Total + 1));

    /// <summary>
    /// x = X/(X + Y) with X ~ Gamma(α, 1) and Y ~ Gamma(β, 1), clamped into [tiny, 1 − ε] so log x and log(1 − x)
    /// stay finite; differentiable through both Gamma draws.
    /// </summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        var shape = ExtendedShape(sampleShape);
        var x = StandardGamma.Sample(Concentration1, shape, generator);
        var y = StandardGamma.Sample(Concentration0, shape, generator);
        var dtype = Concentration1.DType;
        return (x / (x + y)).Clamp(FloatLimits.Tiny(dtype), 1 - FloatLimits.Epsilon(dtype));
    }

    /// <summary>log p(x) = (α − 1) log x + (β − 1) log(1 − x) − log B(α, β).</summary>
    protected override Tensor LogProbOf(Tensor value) =>
        ProbabilityMath.XLogY(Concentration1 - 1, value) + ProbabilityMath.XLogY(Concentration0 - 1, 1 - value) - LogBeta();

    /// <summary>H = log B(α, β) − (α − 1)ψ(α) − (β − 1)ψ(β) + (α + β − 2)ψ(α + β).</summary>
    public override Tensor Entropy() =>
        LogBeta() - (Concentration1 - 1) * Concentration1.Digamma() - (Concentration0 - 1) * Concentration0.Digamma()
        + (Total - 2) * Total.Digamma();

    /// <summary>log B(α, β) = log Γ(α) + log Γ(β) − log Γ(α + β).</summary>
    internal Tensor LogBeta() => Concentration1.Lgamma() + Concentration0.Lgamma() - Total.Lgamma();
}
