namespace Sharpgrad.NN;

/// <summary>Mish, x·tanh(ζ(x)) (Misra, 2019).</summary>
public sealed class Mish : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Mish(input);
}
