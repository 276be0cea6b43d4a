namespace Sharpgrad.Probability;

/// <summary>
/// The Laplace distribution with density (1/2b) exp(−|x − μ|/b), location <see cref="Loc"/> μ and scale
/// <see cref="Scale"/> b (GBC §3.9.4), as torch.distributions.Laplace(loc, scale).
/// </summary>
public sealed class Laplace : Distribution
{
    public Laplace(Tensor loc, Tensor scale) : this(Parameters.Broadcast("Laplace", loc, scale)) { }

    public Laplace(double loc, double scale) : this(Parameters.Scalar(loc), Parameters.Scalar(scale)) { }

    private Laplace(Tensor[] p) : base(p[0].Shape, [])
    {
        (Loc, Scale) = (p[0], p[1]);
        Constraint.Real.Validate(Loc, "Laplace: loc");
        Constraint.Positive.Validate(Scale, "Laplace: scale");
    }

    /// <summary>The location μ (mean and median).</summary>
    public Tensor Loc { get; }

    /// <summary>The scale b &gt; 0; the variance is 2b².</summary>
    public Tensor Scale { get; }

    public override Constraint Support => Constraint.Real;
    public override bool HasRSample => true;
    public override Tensor Mean => Loc;
    public override Tensor Variance => 2 * Scale.Square();

    /// <summary>
    /// Inverse-CDF sampling: x = μ − b·sign(u)·log(1 − |u|) with u uniform on [ε − 1, 1), the range PyTorch uses
    /// so that log(1 − |u|) stays finite.
    /// </summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        double eps = FloatLimits.Epsilon(Loc.DType);
        var u = Tensor.Rand(ExtendedShape(sampleShape), Loc.DType, generator) * (2 - eps) + (eps - 1);
        return Loc - Scale * u.Sign() * (-u.Abs()).Log1p();
    }

    /// <summary>log p(x) = −log 2b − |x − μ|/b.</summary>
    protected override Tensor LogProbOf(Tensor value) => -(2 * Scale).Log() - (value - Loc).Abs() / Scale;

    /// <summary>H = 1 + log 2b.</summary>
    public override Tensor Entropy() => 1 + (2 * Scale).Log();
}
