namespace Sharpgrad.NN;

/// <summary>The hyperbolic tangent, tanh(x) = 2σ(2x) − 1, a zero-centred sigmoid (GBC §6.3.2).</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Tanh(input);
}
