namespace Sharpgrad.NN;

/// <summary>x·relu6(x + 3)/6, MobileNetV3's cheap swish.</summary>
public sealed class Hardswish : Module<Tensor, Tensor>
{
    protected override Tensor ForwardCore(Tensor input) => Functional.Hardswish(input);
}
