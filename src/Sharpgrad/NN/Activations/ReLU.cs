namespace Sharpgrad.NN;

/// <summary>The rectified linear unit max(0, x), the default hidden unit of GBC §6.3.1. ReLU′(0) is taken as 0.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Relu(input);
}
