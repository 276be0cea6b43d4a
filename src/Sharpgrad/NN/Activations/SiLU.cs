namespace Sharpgrad.NN;

/// <summary>Sigmoid linear unit (swish), x·σ(x).</summary>
public sealed class SiLU : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Silu(input);
}
