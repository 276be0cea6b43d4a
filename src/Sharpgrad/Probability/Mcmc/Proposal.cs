namespace Sharpgrad.Probability;

/// <summary>
/// A proposal distribution q(x′ | x) for <see cref="MetropolisHastings"/>. Subclass it for a custom proposal; an
/// asymmetric one must report its Hastings correction so the chain still targets p exactly (GBC §17.3).
/// </summary>
public abstract class Proposal
{
    /// <summary>Draws a candidate x′ ~ q(· | <paramref name="current"/>), of the current state's shape.</summary>
    public abstract Tensor Propose(Tensor current, Generator generator);

    /// <summary>
    /// log q(current | proposed) − log q(proposed | current), which the Metropolis–Hastings ratio adds to
    /// log p(proposed) − log p(current). It is 0 for symmetric proposals such as a Gaussian random walk.
    /// </summary>
    public abstract double LogHastingsCorrection(Tensor current, Tensor proposed);
}
