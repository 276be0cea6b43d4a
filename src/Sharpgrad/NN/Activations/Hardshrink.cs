namespace Sharpgrad.NN;

/// <summary>x where |x| &gt; λ, else 0.</summary>
public sealed class Hardshrink(double lambda = 0.5) : Module<Tensor, Tensor>
{
    public double Lambda { get; } = lambda;

    protected override Tensor ForwardCore(Tensor input) => Functional.Hardshrink(input, Lambda);

    protected override string ExtraRepr() => $"lambd={Lambda}";
}
