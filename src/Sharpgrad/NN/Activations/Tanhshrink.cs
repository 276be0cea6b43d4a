namespace Sharpgrad.NN;

/// <summary>x − tanh(x).</summary>
public sealed class Tanhshrink : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Tanhshrink(input);
}
