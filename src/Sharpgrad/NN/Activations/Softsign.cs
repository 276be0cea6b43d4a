namespace Sharpgrad.NN;

/// <summary>x / (1 + |x|).</summary>
public sealed class Softsign : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Softsign(input);
}
