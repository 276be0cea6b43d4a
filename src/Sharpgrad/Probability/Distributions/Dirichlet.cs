namespace Sharpgrad.Probability;

/// <summary>
/// The Dirichlet distribution over probability vectors, density Γ(α₀)/∏Γ(αₖ) ∏ xₖ^(αₖ−1) with α₀ = Σαₖ, as
/// torch.distributions.Dirichlet(concentration). The last dim of <see cref="Concentration"/> indexes the K
/// categories and is the event shape [K]; the dims before it are the batch shape.
/// </summary>
public sealed class Dirichlet : Distribution
{
    public Dirichlet(Tensor concentration) : base(BatchOf(concentration), [concentration.Shape[^1]])
    {
        Concentration = Parameters.AsFloat(concentration);
        Constraint.Positive.Validate(Concentration, "Dirichlet: concentration");
    }

    public Dirichlet(double[] concentration) : this(Tensor.FromArray(concentration).To(DType.Float32)) { }

    private static int[] BatchOf(Tensor concentration)
    {
        Parameters.RequireVector(concentration, "Dirichlet: concentration");
        return concentration.Shape[..^1];
    }

    /// <summary>α, positive, with the categories along the last dim.</summary>
    public Tensor Concentration { get; }

    private Tensor Total => Concentration.Sum(-1, keepdim: true);

    public override Constraint Support => Constraint.Simplex;
    public override bool HasRSample => true;
    public override Tensor Mean => Concentration / Total;
    public override Tensor Variance => Concentration * (Total - Concentration) / (Total.Square() * (Total + 1));

    /// <summary>Independent Gamma(αₖ, 1) draws normalised to sum to 1; differentiable through the Gamma draws.</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        var gammas = StandardGamma.Sample(Concentration, ExtendedShape(sampleShape), generator);
        return (gammas / gammas.Sum(-1, keepdim: true)).Clamp(min: FloatLimits.Tiny(Concentration.DType));
    }

    /// <summary>log p(x) = Σ(αₖ − 1) log xₖ + log Γ(α₀) − Σ log Γ(αₖ).</summary>
    protected override Tensor LogProbOf(Tensor value) =>
        ProbabilityMath.XLogY(Concentration - 1, value).Sum(-1) + Total.Squeeze(-1).Lgamma() - Concentration.Lgamma().Sum(-1);

    /// <summary>H = Σ log Γ(αₖ) − log Γ(α₀) + (α₀ − K)ψ(α₀) − Σ(αₖ − 1)ψ(αₖ).</summary>
    public override Tensor Entropy()
    {
        var total = Total.Squeeze(-1);
        int k = Concentration.Size(-1);
        return Concentration.Lgamma().Sum(-1) - total.Lgamma() + (total - k) * total.Digamma()
               - ((Concentration - 1) * Concentration.Digamma()).Sum(-1);
    }
}
