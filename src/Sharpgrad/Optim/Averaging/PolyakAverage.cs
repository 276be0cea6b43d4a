namespace Sharpgrad.Optim;

/// <summary>
/// Polyak averaging (GBC §8.7.3; Polyak &amp; Juditsky, 1992): the arithmetic mean of every value the parameters
/// have taken, θ̄ = (1/n)·Σᵢ θ⁽ⁱ⁾, kept as a running mean θ̄ ← θ̄ + (θ − θ̄)/n. On convex problems gradient
/// descent oscillates around the minimum and the average sits close to it; the default averaging of PyTorch's
/// AveragedModel (and of stochastic weight averaging).
/// </summary>
public sealed class PolyakAverage(IEnumerable<Tensor> parameters) : ParameterAverage("PolyakAverage", parameters)
{
    protected override double Weight(long n) => 1.0 / n;
}
