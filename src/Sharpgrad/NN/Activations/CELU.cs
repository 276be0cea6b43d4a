namespace Sharpgrad.NN;

/// <summary>Continuously differentiable ELU: max(0, x) + min(0, α(e^(x/α) − 1)).</summary>
public sealed class CELU(double alpha = 1) : Module<Tensor, Tensor>
{
    public double Alpha { get; } = alpha;

    protected override Tensor ForwardCore(Tensor input) => Functional.Celu(input, Alpha);

    protected override string ExtraRepr() => $"alpha={Alpha}";
}
