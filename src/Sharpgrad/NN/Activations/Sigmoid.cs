namespace Sharpgrad.NN;

/// <summary>The logistic sigmoid σ(x) = 1/(1 + e⁻ˣ), the output unit of a Bernoulli variable (GBC §6.2.2.2).</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Sigmoid(input);
}
