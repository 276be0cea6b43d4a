namespace Sharpgrad.Probability;

/// <summary>
/// The Gaussian N(μ, σ²) with mean <see cref="Loc"/> μ and standard deviation <see cref="Scale"/> σ (GBC §3.9.3),
/// parameterised like torch.distributions.Normal(loc, scale) — by σ, not the variance or the precision.
/// </summary>
public sealed class Normal : Distribution
{
    public Normal(Tensor loc, Tensor scale) : this(Parameters.Broadcast("Normal", loc, scale)) { }

    public Normal(double loc, double scale) : this(Parameters.Scalar(loc), Parameters.Scalar(scale)) { }

    private Normal(Tensor[] p) : base(p[0].Shape, [])
    {
        (Loc, Scale) = (p[0], p[1]);
        Constraint.Real.Validate(Loc, "Normal: loc");
        Constraint.Positive.Validate(Scale, "Normal: scale");
    }

    /// <summary>The mean μ.</summary>
    public Tensor Loc { get; }

    /// <summary>The standard deviation σ &gt; 0.</summary>
    public Tensor Scale { get; }

    public override Constraint Support => Constraint.Real;
    public override bool HasRSample => true;
    public override Tensor Mean => Loc;
    public override Tensor Variance => Scale.Square();

    /// <summary>x = μ + σε with ε ~ N(0, 1): the reparameterisation trick (GBC §20.9).</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator) =>
        Loc + Scale * Tensor.Randn(ExtendedShape(sampleShape), Loc.DType, generator);

    /// <summary>log N(x; μ, σ²) = −½((x − μ)/σ)² − log σ − ½ log 2π (GBC eq. 3.21).</summary>
    protected override Tensor LogProbOf(Tensor value) =>
        -0.5 * ((value - Loc) / Scale).Square() - Scale.Log() - 0.5 * Math.Log(2 * Math.PI);

    /// <summary>H = ½ log(2πeσ²).</summary>
    public override Tensor Entropy() => 0.5 + 0.5 * Math.Log(2 * Math.PI) + Scale.Log();
}
