namespace Sharpgrad.NN;

public static partial class Losses
{
    /// <summary>
    /// Smooth L1 (Girshick 2015): ½d²/β where |d| &lt; β, else |d| − ½β, with d = x − y. Quadratic near zero, linear
    /// for outliers; β = 0 gives L1. Equals <see cref="Huber"/> divided by δ = β.
    /// </summary>
    public static Tensor SmoothL1(Tensor input, Tensor target, double beta = 1, Reduction reduction = Reduction.Mean)
    {
        const string op = "SmoothL1";
        CheckSameShape(input, target, op);
        if (beta < 0) throw new ArgumentException($"{op}: beta must be non-negative, got {beta}.");
        return Reduce(SmoothL1Elements(input - target, beta), reduction, op);
    }

    /// <summary>
    /// Huber loss (Huber 1964): ½d² where |d| &lt; δ, else δ(|d| − ½δ). The gradient is d clipped to [−δ, δ], so an
    /// outlier's pull is bounded. Equals δ·SmoothL1 with β = δ.
    /// </summary>
    public static Tensor Huber(Tensor input, Tensor target, double delta = 1, Reduction reduction = Reduction.Mean)
    {
        const string op = "Huber";
        CheckSameShape(input, target, op);
        if (delta <= 0) throw new ArgumentException($"{op}: delta must be positive, got {delta}.");
        var smooth = SmoothL1Elements(input - target, delta);
        return Reduce(delta == 1 ? smooth : smooth * delta, reduction, op);
    }

    private static Tensor SmoothL1Elements(Tensor difference, double beta)
    {
        var absolute = difference.Abs();
        if (beta == 0) return absolute;
        return Tensor.Where(absolute.Lt(beta), difference.Square() * (0.5 / beta), absolute - 0.5 * beta);
    }
}
