namespace Sharpgrad.Probability;

/// <summary>
/// The Dirac distribution p(x) = δ(x − μ), all its mass on the single <see cref="Point"/> μ (GBC §3.9.5, eq. 3.27).
/// The last <c>eventDims</c> dims of the point form one event (like Pyro's Delta(v, event_dim)); the rest is the
/// batch shape. As a point mass it is treated as discrete: LogProb is log 1 = 0 at the point and −∞ elsewhere, and
/// the entropy is 0. Sampling returns the point, and RSample lets gradients flow into it.
/// </summary>
public sealed class Dirac : Distribution
{
    public Dirac(Tensor point, int eventDims = 0) : base(SplitShape(point, eventDims).Batch, SplitShape(point, eventDims).Event)
    {
        Point = Parameters.AsFloat(point);
        Constraint.Real.Validate(Point, "Dirac: point");
    }

    public Dirac(double point) : this(Parameters.Scalar(point)) { }

    private static (int[] Batch, int[] Event) SplitShape(Tensor point, int eventDims)
    {
        if (eventDims < 0 || eventDims > point.Rank)
            throw new ArgumentException($"Dirac: eventDims must be in [0, {point.Rank}] for a point of shape {ShapeUtil.Format(point.Shape)}, got {eventDims}.");
        return (point.Shape[..(point.Rank - eventDims)], point.Shape[(point.Rank - eventDims)..]);
    }

    /// <summary>The point μ that holds all the probability.</summary>
    public Tensor Point { get; }

    public override Constraint Support => Constraint.Real;
    public override bool HasRSample => true;
    public override Tensor Mean => Point;
    public override Tensor Variance => Tensor.ZerosLike(Point);

    protected override Tensor Draw(int[] sampleShape, Generator generator) => Point.Expand(ExtendedShape(sampleShape)).Contiguous();

    /// <summary>0 where every element of the event equals the point, −∞ elsewhere.</summary>
    protected override Tensor LogProbOf(Tensor value)
    {
        using var _ = Autograd.NoGrad();
        var mismatches = value.Ne(Point).Long();
        int eventDims = EventShape.Length;
        if (eventDims > 0) mismatches = mismatches.Sum([.. Enumerable.Range(mismatches.Rank - eventDims, eventDims)]);
        return Tensor.Where(mismatches.Eq(0), 0, Tensor.Scalar(double.NegativeInfinity, Point.DType));
    }

    /// <summary>0: a point mass leaves no uncertainty.</summary>
    public override Tensor Entropy() => Tensor.Zeros(BatchShape, Point.DType);
}
