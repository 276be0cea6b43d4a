namespace Sharpgrad.Generative;

/// <summary>
/// The negative phase of RBM training (GBC §18.2). The gradient of −log p(v) is ∂F(v)/∂θ − E_model[∂F/∂θ]; the model
/// expectation is estimated from Gibbs chains. CD-k (GBC Alg. 18.2) starts k steps of Gibbs sampling at the data each
/// time; PCD, stochastic maximum likelihood (Alg. 18.3), keeps its chains from one update to the next (started from
/// random states), so with a small learning rate they stay close to the model distribution. <see cref="Loss"/> is
/// mean F(data) − mean F(samples) with the samples constant: its gradient is that estimate, so any optimiser applies it.
/// Fast PCD (Tieleman &amp; Hinton 2009) adds fast weights θ_f to PCD: the chains are sampled from the model with
/// θ + θ_f, and every update sets θ_f ← decay·θ_f − η_f·∇loss with the same gradient estimate the optimiser gets for θ.
/// The fast weights push the chains away from the modes they have just visited (where the negative phase has lowered
/// the probability), so they mix faster than the slowly learning model alone would let them; the strong decay keeps θ_f
/// small, so the samples still come from nearly the regular model.
/// </summary>
public sealed class ContrastiveDivergence
{
    private Tensor? chains;
    private Tensor[]? fastWeights;

    /// <param name="steps">Gibbs steps per update, k (CD uses 1–20, PCD usually 1)</param>
    /// <param name="persistent">PCD instead of CD</param>
    /// <param name="chainCount">PCD's number of chains; by default the batch size of the first update</param>
    /// <param name="fastLearningRate">η_f: turns PCD into fast PCD (Tieleman &amp; Hinton use the regular initial learning rate)</param>
    /// <param name="fastDecay">the fast weights' decay per update (the paper's 19/20)</param>
    public ContrastiveDivergence(int steps = 1, bool persistent = false, int? chainCount = null, double? fastLearningRate = null, double fastDecay = 0.95)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"ContrastiveDivergence: k must be at least 1, got {steps}.");
        if (chainCount is < 1) throw new ArgumentOutOfRangeException(nameof(chainCount), $"ContrastiveDivergence: chainCount must be positive, got {chainCount}.");
        if (chainCount is not null && !persistent)
            throw new ArgumentException("ContrastiveDivergence: chainCount applies only to persistent chains (PCD).");
        if (fastLearningRate is not null && !persistent)
            throw new ArgumentException("ContrastiveDivergence: fast weights (fastLearningRate) apply only to persistent chains (fast PCD).");
        if (fastLearningRate is < 0 or double.NaN || !(fastDecay is >= 0 and <= 1))
            throw new ArgumentOutOfRangeException(nameof(fastLearningRate),
                $"ContrastiveDivergence: fast PCD needs fastLearningRate ≥ 0 and fastDecay in [0, 1], got {fastLearningRate} and {fastDecay}.");
        Steps = steps;
        Persistent = persistent;
        ChainCount = chainCount;
        FastLearningRate = fastLearningRate;
        FastDecay = fastDecay;
    }

    public int Steps { get; }

    public bool Persistent { get; }

    public int? ChainCount { get; }

    /// <summary>η_f of fast PCD; null for CD and plain PCD.</summary>
    public double? FastLearningRate { get; }

    public double FastDecay { get; }

    /// <summary>The fast weights θ_f, one per RBM parameter in <see cref="NN.Module.Parameters"/> order (null before the first fast-PCD update).</summary>
    public IReadOnlyList<Tensor>? FastWeights => fastWeights;

    /// <summary>The persistent chains' current states (null before the first PCD update, and for CD).</summary>
    public Tensor? Chains => chains;

    /// <summary>Samples for the negative phase: k Gibbs steps from the data (CD) or from the persistent chains (PCD).</summary>
    public Tensor NegativeSamples(Rbm rbm, Tensor data, Generator generator)
    {
        if (!Persistent) return rbm.Gibbs(data, Steps, generator);
        chains ??= rbm.RandomVisible(ChainCount ?? data.Size(0), generator);
        if (chains.Size(1) != rbm.VisibleSize)
            throw new ArgumentException($"ContrastiveDivergence: the persistent chains are {chains.ShapeText} but {rbm.Name} has {rbm.VisibleSize} visible units.");
        chains = fastWeights is null ? rbm.Gibbs(chains, Steps, generator) : GibbsWithFastWeights(rbm, chains, generator);
        return chains;
    }

    /// <summary>The surrogate loss whose gradient is the CD/PCD estimate of −∇ mean log p(data).</summary>
    public Tensor Loss(Rbm rbm, Tensor data, Generator generator)
    {
        var negatives = NegativeSamples(rbm, data, generator);
        var loss = rbm.FreeEnergy(data).Mean() - rbm.FreeEnergy(negatives).Mean();
        if (FastLearningRate is { } rate) UpdateFastWeights(rbm, loss, rate);
        return loss;
    }

    /// <summary>θ_f ← decay·θ_f − η_f·∇loss; the graph is kept for the caller's backward pass.</summary>
    private void UpdateFastWeights(Rbm rbm, Tensor loss, double rate)
    {
        var parameters = rbm.Parameters().ToArray();
        var gradients = Autograd.Grad([loss], parameters, retainGraph: true);
        using var _ = Autograd.NoGrad();
        fastWeights ??= [.. parameters.Select(Tensor.ZerosLike)];
        for (int i = 0; i < parameters.Length; i++) fastWeights[i] = fastWeights[i] * FastDecay - gradients[i] * rate;
    }

    /// <summary>Gibbs steps under θ + θ_f: the parameters are shifted for the sampling and then restored bit for bit.</summary>
    private Tensor GibbsWithFastWeights(Rbm rbm, Tensor start, Generator generator)
    {
        var parameters = rbm.Parameters().ToArray();
        if (parameters.Length != fastWeights!.Length || parameters.Zip(fastWeights).Any(p => p.First.Shape != p.Second.Shape))
            throw new ArgumentException($"ContrastiveDivergence: the fast weights were made for another model than this {rbm.Name} ({rbm.VisibleSize} visible, {rbm.HiddenSize} hidden).");
        using var _ = Autograd.NoGrad();
        var regular = parameters.Select(p => p.Clone()).ToArray();
        try
        {
            for (int i = 0; i < parameters.Length; i++) parameters[i].CopyFrom(regular[i] + fastWeights[i]);
            return rbm.Gibbs(start, Steps, generator);
        }
        finally
        {
            for (int i = 0; i < parameters.Length; i++) parameters[i].CopyFrom(regular[i]);
        }
    }
}
