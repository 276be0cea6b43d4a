namespace Sharpgrad.Optim;

/// <summary>
/// An exponentially decaying average of the parameters (GBC §8.7.3): θ̄ ← decay·θ̄ + (1 − decay)·θ, which
/// forgets the distant past — the variant the book recommends for non-convex problems, where early points of the
/// trajectory may lie in other basins. It starts at the first value folded in (PyTorch's AveragedModel with
/// get_ema_multi_avg_fn), so there is no bias toward zero to correct; it averages over roughly the last
/// 1/(1 − decay) updates.
/// </summary>
public sealed class ExponentialMovingAverage : ParameterAverage
{
    /// <param name="decay">The weight of the old average, in [0, 1]; 0.999 is common.</param>
    public ExponentialMovingAverage(IEnumerable<Tensor> parameters, double decay = 0.999) : base("ExponentialMovingAverage", parameters)
    {
        if (!(decay >= 0 && decay <= 1))
            throw new ArgumentException($"ExponentialMovingAverage: decay must be in [0, 1], got {decay}.");
        Decay = decay;
    }

    public double Decay { get; }

    protected override double Weight(long n) => 1 - Decay;
}
