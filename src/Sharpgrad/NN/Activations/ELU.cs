namespace Sharpgrad.NN;

/// <summary>Exponential linear unit: x for x &gt; 0, else α(eˣ − 1), which saturates to −α for very negative inputs.</summary>
public sealed class ELU(double alpha = 1) : Module<Tensor, Tensor>
{
    public double Alpha { get; } = alpha;

    protected override Tensor ForwardCore(Tensor input) => Functional.Elu(input, Alpha);

    protected override string ExtraRepr() => $"alpha={Alpha}";
}
