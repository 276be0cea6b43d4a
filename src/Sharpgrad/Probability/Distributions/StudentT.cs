namespace Sharpgrad.Probability;

/// <summary>
/// Student's t distribution with <see cref="Df"/> ν degrees of freedom, location <see cref="Loc"/> and scale
/// <see cref="Scale"/>, as torch.distributions.StudentT(df, loc = 0, scale = 1). Heavy-tailed: the mean exists
/// only for ν &gt; 1 and the variance only for ν &gt; 2 (NaN or +∞ otherwise, as PyTorch).
/// </summary>
public sealed class StudentT : Distribution
{
    public StudentT(Tensor df, Tensor? loc = null, Tensor? scale = null)
        : this(Parameters.Broadcast("StudentT", df, loc ?? Parameters.Scalar(0), scale ?? Parameters.Scalar(1))) { }

    public StudentT(double df, double loc = 0, double scale = 1)
        : this(Parameters.Scalar(df), Parameters.Scalar(loc), Parameters.Scalar(scale)) { }

    private StudentT(Tensor[] p) : base(p[0].Shape, [])
    {
        (Df, Loc, Scale) = (p[0], p[1], p[2]);
        Constraint.Positive.Validate(Df, "StudentT: df");
        Constraint.Real.Validate(Loc, "StudentT: loc");
        Constraint.Positive.Validate(Scale, "StudentT: scale");
    }

    /// <summary>The degrees of freedom ν &gt; 0.</summary>
    public Tensor Df { get; }

    public Tensor Loc { get; }

    public Tensor Scale { get; }

    public override Constraint Support => Constraint.Real;
    public override bool HasRSample => true;

    public override Tensor Mean => Tensor.Where(Df.Le(1), double.NaN, Loc);

    /// <summary>σ²ν/(ν − 2) for ν &gt; 2; +∞ for 1 &lt; ν ≤ 2; NaN for ν ≤ 1.</summary>
    public override Tensor Variance
    {
        get
        {
            var finite = Scale.Square() * Df / (Df - 2);
            return Tensor.Where(Df.Le(1), double.NaN, Tensor.Where(Df.Le(2), double.PositiveInfinity, finite));
        }
    }

    /// <summary>
    /// x = μ + σ · Z / √(V/ν) with Z ~ N(0, 1) and V ~ χ²(ν) = 2 · Gamma(ν/2, 1), independent (the textbook
    /// construction PyTorch uses).
    /// </summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        var shape = ExtendedShape(sampleShape);
        var z = Tensor.Randn(shape, Df.DType, generator);
        var chiSquared = 2 * StandardGamma.Sample(0.5 * Df, shape, generator);
        return Loc + Scale * z * (chiSquared / Df).Rsqrt();
    }

    /// <summary>log p(x) = −((ν+1)/2) log(1 + y²/ν) − log σ − ½ log(νπ) − log Γ(ν/2) + log Γ((ν+1)/2), y = (x − μ)/σ.</summary>
    protected override Tensor LogProbOf(Tensor value)
    {
        var y = (value - Loc) / Scale;
        var normaliser = Scale.Log() + 0.5 * Df.Log() + 0.5 * Math.Log(Math.PI) + (0.5 * Df).Lgamma() - (0.5 * (Df + 1)).Lgamma();
        return -0.5 * (Df + 1) * (y.Square() / Df).Log1p() - normaliser;
    }

    /// <summary>H = log σ + ((ν+1)/2)(ψ((ν+1)/2) − ψ(ν/2)) + ½ log ν + log B(ν/2, ½).</summary>
    public override Tensor Entropy()
    {
        var logBeta = (0.5 * Df).Lgamma() + 0.5 * Math.Log(Math.PI) - (0.5 * (Df + 1)).Lgamma(); // log Γ(½) = ½ log π
        return Scale.Log() + 0.5 * (Df + 1) * ((0.5 * (Df + 1)).Digamma() - (0.5 * Df).Digamma()) + 0.5 * Df.Log() + logBeta;
    }
}
