namespace Sharpgrad.NN;

/// <summary>min(max(x, 0), 6).</summary>
public sealed class ReLU6 : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Relu6(input);
}
