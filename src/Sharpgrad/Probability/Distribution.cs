namespace Sharpgrad.Probability;

/// <summary>
/// A probability distribution over tensors, with torch.distributions' shapes (GBC §3.3–3.9):
/// <list type="bullet">
/// <item><see cref="EventShape"/> is the shape of one draw (a Dirichlet over 3 categories draws vectors of shape [3]);</item>
/// <item><see cref="BatchShape"/> indexes independent distributions held together (a Normal built from 5 means and
/// 5 scales is a batch of 5 Normals);</item>
/// <item>a sample of sample shape S has shape S + batch shape + event shape, and <see cref="LogProb"/> of such a value
/// has shape S + batch shape (one log-density per event).</item>
/// </list>
/// Parameters are validated when a distribution is built and values when their log-probability is asked for, so
/// a bad argument fails at once, naming the distribution, the argument and the offending value.
/// </summary>
public abstract class Distribution
{
    private readonly int[] batchShape;
    private readonly int[] eventShape;

    protected Distribution(int[] batchShape, int[] eventShape)
    {
        this.batchShape = (int[])batchShape.Clone();
        this.eventShape = (int[])eventShape.Clone();
    }

    /// <summary>The shape that indexes independent distributions of the same family.</summary>
    public int[] BatchShape => (int[])batchShape.Clone();

    /// <summary>The shape of a single draw.</summary>
    public int[] EventShape => (int[])eventShape.Clone();

    /// <summary>The values with non-zero probability (density); <see cref="LogProb"/> rejects values outside it.</summary>
    public abstract Constraint Support { get; }

    /// <summary>
    /// Whether <see cref="RSample"/> is available: samples that are a differentiable function of the parameters
    /// (x = μ + σε for a Normal), so that gradients of E[f(x)] can flow through them (GBC §20.9).
    /// </summary>
    public virtual bool HasRSample => false;

    /// <summary>E[x], of shape batch + event. NaN where it is undefined (Student-t with df ≤ 1; Categorical labels).</summary>
    public abstract Tensor Mean { get; }

    /// <summary>Var[x] elementwise, of shape batch + event; +∞ or NaN where it is infinite or undefined.</summary>
    public abstract Tensor Variance { get; }

    /// <summary>The standard deviation √Var[x].</summary>
    public Tensor Stddev => Variance.Sqrt();

    /// <summary>
    /// Draws samples of shape <paramref name="sampleShape"/> + batch + event without recording gradients.
    /// The same <paramref name="generator"/> seed always gives the same samples.
    /// </summary>
    public Tensor Sample(int[]? sampleShape = null, Generator? generator = null)
    {
        using var _ = Autograd.NoGrad();
        return Draw(sampleShape ?? [], generator ?? Generator.Default);
    }

    /// <summary>
    /// Draws reparameterised samples: x = g(θ, ε) with noise ε independent of the parameters θ, so gradients flow
    /// from x back to θ (the reparameterisation trick, GBC §20.9). Throws for distributions without one
    /// (<see cref="HasRSample"/> false), such as the discrete ones.
    /// </summary>
    public Tensor RSample(int[]? sampleShape = null, Generator? generator = null)
    {
        if (!HasRSample)
            throw new NotSupportedException(
                $"{Name}.RSample: {Name} has no reparameterised sampler (its samples are not a differentiable function of its parameters). " +
                "Use Sample, and a score-function (REINFORCE) estimator for gradients.");
        return Draw(sampleShape ?? [], generator ?? Generator.Default);
    }

    /// <summary>
    /// Samples of shape <paramref name="sampleShape"/> + batch + event. Differentiable w.r.t. the parameters when
    /// <see cref="HasRSample"/> is true; <see cref="Sample"/> calls it with gradient recording off.
    /// </summary>
    protected abstract Tensor Draw(int[] sampleShape, Generator generator);

    /// <summary>
    /// log p(value): the log-density (continuous) or log-probability (discrete), of shape broadcast(value's leading
    /// dims, batch shape). The rightmost dims of <paramref name="value"/> must equal the event shape and every value
    /// must lie in the <see cref="Support"/>.
    /// </summary>
    public Tensor LogProb(Tensor value)
    {
        ValidateValue(value);
        return LogProbOf(value);
    }

    /// <summary>log p(value) for a value already checked against the event shape and the support.</summary>
    protected abstract Tensor LogProbOf(Tensor value);

    /// <summary>The (differential) entropy H = −E[log p(x)] in nats, of shape batch (GBC §3.13).</summary>
    public virtual Tensor Entropy() => throw new NotSupportedException(
        $"{Name}.Entropy: {Name} has no closed-form entropy; estimate −E[log p(x)] with MonteCarlo.Estimate(x => -p.LogProb(x), p, n).");

    /// <summary>sampleShape + batch + event.</summary>
    protected int[] ExtendedShape(int[] sampleShape) => [.. sampleShape, .. batchShape, .. eventShape];

    /// <summary>The distribution's name for messages: "Normal", "Categorical", ….</summary>
    protected string Name => GetType().Name;

    private void ValidateValue(Tensor value)
    {
        int eventRank = eventShape.Length;
        int[] shape = value.Shape;
        if (shape.Length < eventRank || !shape.AsSpan(shape.Length - eventRank).SequenceEqual(eventShape))
            throw new ArgumentException(
                $"{Name}.LogProb: value of shape {ShapeUtil.Format(shape)} must end in the event shape {ShapeUtil.Format(eventShape)}.");
        var leading = shape[..(shape.Length - eventRank)];
        if (!IsBroadcastable(leading, batchShape))
            throw new ArgumentException(
                $"{Name}.LogProb: value of shape {ShapeUtil.Format(shape)} does not broadcast with the batch shape {ShapeUtil.Format(batchShape)}.");
        Support.Validate(value, $"{Name}.LogProb: value");
    }

    private static bool IsBroadcastable(int[] a, int[] b)
    {
        for (int i = 1; i <= Math.Min(a.Length, b.Length); i++)
            if (a[^i] != b[^i] && a[^i] != 1 && b[^i] != 1) return false;
        return true;
    }
}
