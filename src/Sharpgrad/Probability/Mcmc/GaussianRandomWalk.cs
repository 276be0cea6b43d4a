namespace Sharpgrad.Probability;

/// <summary>
/// The random-walk proposal x′ = x + σε with ε ~ N(0, I). It is symmetric, so the Hastings correction is 0 and
/// Metropolis–Hastings reduces to the original Metropolis algorithm. Small σ accepts often but moves little;
/// large σ moves far but is rarely accepted.
/// </summary>
public sealed class GaussianRandomWalk : Proposal
{
    public GaussianRandomWalk(double scale)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), $"GaussianRandomWalk: scale must be positive and finite, got {scale}.");
        Scale = scale;
    }

    /// <summary>The step size σ.</summary>
    public double Scale { get; }

    public override Tensor Propose(Tensor current, Generator generator) =>
        current + Scale * Tensor.Randn(current.Shape, current.DType, generator);

    public override double LogHastingsCorrection(Tensor current, Tensor proposed) => 0;
}
