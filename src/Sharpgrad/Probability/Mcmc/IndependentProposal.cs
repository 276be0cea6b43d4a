namespace Sharpgrad.Probability;

/// <summary>
/// The independence sampler's proposal: candidates are drawn from a fixed distribution q whatever the current
/// state. It is asymmetric, so its Hastings correction is log q(x) − log q(x′). It works well only when q covers
/// the target's mass, like an importance-sampling proposal (GBC §17.2).
/// </summary>
public sealed class IndependentProposal(Distribution distribution) : Proposal
{
    /// <summary>The proposal distribution q; one draw (its batch + event shape) must have the state's shape.</summary>
    public Distribution Distribution { get; } = distribution;

    public override Tensor Propose(Tensor current, Generator generator)
    {
        var proposed = Distribution.Sample(null, generator);
        if (!proposed.Shape.SequenceEqual(current.Shape))
            throw new ArgumentException(
                $"IndependentProposal: a draw of shape {ShapeUtil.Format(proposed.Shape)} does not match the state's shape {ShapeUtil.Format(current.Shape)}.");
        return proposed;
    }

    public override double LogHastingsCorrection(Tensor current, Tensor proposed) =>
        Distribution.LogProb(current).Sum().Item() - Distribution.LogProb(proposed).Sum().Item();
}
