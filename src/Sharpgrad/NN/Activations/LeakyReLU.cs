namespace Sharpgrad.NN;

/// <summary>x for x &gt; 0, else αx with a small fixed α (GBC §6.3.1), so negative units still pass a gradient.</summary>
public sealed class LeakyReLU(double negativeSlope = 0.01) : Module<Tensor, Tensor>
{
    public double NegativeSlope { get; } = negativeSlope;

    protected override Tensor ForwardCore(Tensor input) => Functional.LeakyRelu(input, NegativeSlope);

    protected override string ExtraRepr() => $"negative_slope={NegativeSlope}";
}
