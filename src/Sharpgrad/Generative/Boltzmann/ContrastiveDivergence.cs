namespace Sharpgrad.Generative;

/// <summary>
/// The negative phase of RBM training (GBC §18.2). The gradient of −log p(v) is ∂F(v)/∂θ − E_model[∂F/∂θ]; the model
/// expectation is estimated from Gibbs chains. CD-k (GBC Alg. 18.2) starts k steps of Gibbs sampling at the data each
/// time; PCD, stochastic maximum likelihood (Alg. 18.3), keeps its chains from one update to the next (started from
/// random states), so with a small learning rate they stay close to the model distribution. <see cref="Loss"/> is
/// mean F(data) − mean F(samples) with the samples constant: its gradient is that estimate, so any optimiser applies it.
/// </summary>
public sealed class ContrastiveDivergence
{
    private Tensor? chains;

    /// <param name="steps">Gibbs steps per update, k (CD uses 1–20, PCD usually 1)</param>
    /// <param name="persistent">PCD instead of CD</param>
    /// <param name="chainCount">PCD's number of chains; by default the batch size of the first update</param>
    public ContrastiveDivergence(int steps = 1, bool persistent = false, int? chainCount = null)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"ContrastiveDivergence: k must be at least 1, got {steps}.");
        if (chainCount is < 1) throw new ArgumentOutOfRangeException(nameof(chainCount), $"ContrastiveDivergence: chainCount must be positive, got {chainCount}.");
        if (chainCount is not null && !persistent)
            throw new ArgumentException("ContrastiveDivergence: chainCount applies only to persistent chains (PCD).");
        Steps = steps;
        Persistent = persistent;
        ChainCount = chainCount;
    }

    public int Steps { get; }

    public bool Persistent { get; }

    public int? ChainCount { get; }

    /// <summary>The persistent chains' current states (null before the first PCD update, and for CD).</summary>
    public Tensor? Chains => chains;

    /// <summary>Samples for the negative phase: k Gibbs steps from the data (CD) or from the persistent chains (PCD).</summary>
    public Tensor NegativeSamples(Rbm rbm, Tensor data, Generator generator)
    {
        if (!Persistent) return rbm.Gibbs(data, Steps, generator);
        chains ??= rbm.RandomVisible(ChainCount ?? data.Size(0), generator);
        if (chains.Size(1) != rbm.VisibleSize)
            throw new ArgumentException($"ContrastiveDivergence: the persistent chains are {chains.ShapeText} but {rbm.Name} has {rbm.VisibleSize} visible units.");
        chains = rbm.Gibbs(chains, Steps, generator);
        return chains;
    }

    /// <summary>The surrogate loss whose gradient is the CD/PCD estimate of −∇ mean log p(data).</summary>
    public Tensor Loss(Rbm rbm, Tensor data, Generator generator)
    {
        var negatives = NegativeSamples(rbm, data, generator);
        return rbm.FreeEnergy(data).Mean() - rbm.FreeEnergy(negatives).Mean();
    }
}
