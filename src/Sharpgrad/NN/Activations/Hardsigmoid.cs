namespace Sharpgrad.NN;

/// <summary>relu6(x + 3)/6, a piecewise-linear sigmoid.</summary>
public sealed class Hardsigmoid : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Hardsigmoid(input);
}
