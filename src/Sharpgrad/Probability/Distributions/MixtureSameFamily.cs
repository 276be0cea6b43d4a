namespace Sharpgrad.Probability;

/// <summary>
/// A mixture p(x) = Σₖ πₖ pₖ(x) of K components of one family (GBC §3.9.6), as
/// torch.distributions.MixtureSameFamily(mixture_distribution, component_distribution). The
/// <see cref="MixtureDistribution"/> is a Categorical over the K components; the <see cref="ComponentDistribution"/>
/// holds the components batched along its last batch dim, e.g. a Gaussian mixture is
/// <c>new MixtureSameFamily(new Categorical(probs: π), new Normal(μ, σ))</c> with π, μ, σ of shape [K].
/// The batch shape is the component batch shape less its last dim.
/// </summary>
public sealed class MixtureSameFamily : Distribution
{
    public MixtureSameFamily(Categorical mixtureDistribution, Distribution componentDistribution)
        : base(BatchOf(mixtureDistribution, componentDistribution), componentDistribution.EventShape)
    {
        MixtureDistribution = mixtureDistribution;
        ComponentDistribution = componentDistribution;
    }

    private static int[] BatchOf(Categorical mixture, Distribution components)
    {
        var componentBatch = components.BatchShape;
        if (componentBatch.Length == 0 || componentBatch[^1] != mixture.NumCategories)
            throw new ArgumentException(
                $"MixtureSameFamily: the mixture has {mixture.NumCategories} components, so the component distribution's batch shape " +
                $"must end in {mixture.NumCategories}, got {ShapeUtil.Format(componentBatch)}.");
        var batch = componentBatch[..^1];
        var mixtureBatch = mixture.BatchShape;
        for (int i = 1; i <= Math.Min(batch.Length, mixtureBatch.Length); i++)
            if (batch[^i] != mixtureBatch[^i] && batch[^i] != 1 && mixtureBatch[^i] != 1)
                throw new ArgumentException(
                    $"MixtureSameFamily: the mixture's batch shape {ShapeUtil.Format(mixtureBatch)} does not broadcast with the " +
                    $"component batch shape {ShapeUtil.Format(componentBatch)} less its last dim.");
        return batch;
    }

    /// <summary>The Categorical that picks a component.</summary>
    public Categorical MixtureDistribution { get; }

    /// <summary>The K components, batched along the last batch dim.</summary>
    public Distribution ComponentDistribution { get; }

    private int EventRank => EventShape.Length;

    /// <summary>The dim of a component-shaped tensor (…, K, event…) that indexes the components.</summary>
    private int ComponentDim => -1 - EventRank;

    public override Constraint Support => ComponentDistribution.Support;

    /// <summary>E[x] = Σₖ πₖ μₖ.</summary>
    public override Tensor Mean => (MixtureWeights * ComponentDistribution.Mean).Sum(ComponentDim);

    /// <summary>The law of total variance: Σₖ πₖ σₖ² + Σₖ πₖ (μₖ − μ)².</summary>
    public override Tensor Variance
    {
        get
        {
            var weights = MixtureWeights;
            var spread = (ComponentDistribution.Mean - Mean.Unsqueeze(ComponentDim)).Square();
            return (weights * ComponentDistribution.Variance).Sum(ComponentDim) + (weights * spread).Sum(ComponentDim);
        }
    }

    /// <summary>π with size-1 dims appended for the event dims, so it broadcasts against component statistics.</summary>
    private Tensor MixtureWeights => ProbabilityMath.AlignLeft(MixtureDistribution.Probs, MixtureDistribution.Probs.Rank + EventRank);

    /// <summary>Ancestral sampling (GBC §16.3): draw a component k ~ π, then x from component k.</summary>
    protected override Tensor Draw(int[] sampleShape, Generator generator)
    {
        var component = MixtureDistribution.Sample(sampleShape, generator);            // [S…, batch…]
        var all = ComponentDistribution.Sample(sampleShape, generator);                // [S…, batch…, K, event…]
        var index = ProbabilityMath.AlignLeft(component.Unsqueeze(-1), component.Rank + 1 + EventRank);
        int[] target = all.Shape;
        target[target.Length + ComponentDim] = 1;
        return all.Gather(all.Rank + ComponentDim, index.Expand(target)).Squeeze(all.Rank + ComponentDim);
    }

    /// <summary>log p(x) = log Σₖ exp(log πₖ + log pₖ(x)), by a stable log-sum-exp (GBC §4.1).</summary>
    protected override Tensor LogProbOf(Tensor value)
    {
        var perComponent = ComponentDistribution.LogProb(value.Unsqueeze(value.Rank + ComponentDim + 1)); // [..., batch, K]
        return (perComponent + MixtureDistribution.Logits).LogSumExp(-1);
    }
}
