namespace Sharpgrad.Quantized;

/// <summary>
/// A Linear layer y = x·Wᵀ + b (optionally followed by ReLU) on uint8 codes: the int8 product of the input codes
/// [N, in] with the per-channel int8 weight [out, in], int32 sums, requantised to the output's codes [N, out].
/// </summary>
internal sealed class QuantizedLinear(string name, QuantizedWeight weight, QuantParams input, QuantParams output, bool relu) : QuantizedStep(name)
{
    private readonly Kernels.Requantizer requantizer = weight.Requantizer(input, output, relu);

    public override QuantizedTensor Forward(QuantizedTensor x)
    {
        if (x.Shape.Length != 2 || x.Shape[1] != weight.InFeatures)
            throw new ArgumentException($"{Name}: expected input [N, {weight.InFeatures}], got {ShapeUtil.Format(x.Shape)}.");
        int rows = x.Shape[0];
        return new QuantizedTensor(weight.Apply(x.Codes, rows, requantizer, positions: 1), [rows, weight.OutFeatures], output);
    }
}
