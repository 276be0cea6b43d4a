namespace Sharpgrad.Probability;

/// <summary>
/// The Metropolis–Hastings sampler (GBC §17.3): from state x propose x′ ~ q(· | x) and accept it with probability
/// min(1, p(x′)q(x | x′) / (p(x)q(x′ | x))), else stay at x. The chain's stationary distribution is p, which need
/// only be known up to its normaliser, so <c>logDensity</c> may be an unnormalised log p̃ (e.g. −E(x) of an
/// energy-based model). Seeded by the generator, the chain is deterministic.
/// </summary>
public sealed class MetropolisHastings
{
    private const string Op = "MetropolisHastings";
    private readonly Func<Tensor, Tensor> logDensity;

    /// <summary>Metropolis–Hastings with a Gaussian random-walk proposal of step size <paramref name="stepSize"/>.</summary>
    public MetropolisHastings(Func<Tensor, Tensor> logDensity, double stepSize = 1) : this(logDensity, new GaussianRandomWalk(stepSize)) { }

    /// <summary>Metropolis–Hastings with any proposal, e.g. an <see cref="IndependentProposal"/> or a subclass of <see cref="Probability.Proposal"/>.</summary>
    public MetropolisHastings(Func<Tensor, Tensor> logDensity, Proposal proposal)
    {
        this.logDensity = logDensity;
        Proposal = proposal;
    }

    public Proposal Proposal { get; }

    /// <summary>Runs the chain from <paramref name="initial"/> for burnIn + numSamples steps and keeps the last numSamples states.</summary>
    public McmcResult Run(Tensor initial, int numSamples, Generator? generator = null, int burnIn = 0)
    {
        var start = (X: initial.Detach(), LogP: MarkovChain.LogDensity(logDensity, initial, Op));
        MarkovChain.RequireStart(start.LogP, Op);
        var samples = new List<Tensor>(numSamples);
        double rate = MarkovChain.Run(start, numSamples, burnIn, generator ?? Generator.Default, Step, s => samples.Add(s.X), Op);
        return new McmcResult(Tensor.Stack(samples), rate);
    }

    private ((Tensor X, double LogP) State, bool Accepted) Step((Tensor X, double LogP) current, Generator generator)
    {
        var proposed = Proposal.Propose(current.X, generator);
        double logP = MarkovChain.LogDensity(logDensity, proposed, Op);
        double logRatio = logP - current.LogP + Proposal.LogHastingsCorrection(current.X, proposed);
        return MarkovChain.Accept(logRatio, generator) ? ((proposed, logP), true) : (current, false);
    }
}
