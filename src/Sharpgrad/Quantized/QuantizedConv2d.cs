using Sharpgrad.NN;

namespace Sharpgrad.Quantized;

/// <summary>
/// A Conv2d layer (optionally followed by ReLU) on uint8 codes, by im2col and the int8 GEMM (Chellapilla et al. 2006;
/// GBC §9.8): each output position's receptive field becomes one row of codes [N·L, C·kH·kW], padding reading the
/// input's zero point (the real 0); the rows times the per-channel int8 filters [out, C·kH·kW] give int32 sums, which
/// are requantised straight into NCHW order [N, out, H', W'].
/// </summary>
internal sealed class QuantizedConv2d : QuantizedStep
{
    private readonly QuantizedWeight weight;
    private readonly ConvSpec spec;
    private readonly int inChannels;
    private readonly QuantParams input, output;
    private readonly Kernels.Requantizer requantizer;

    public QuantizedConv2d(string name, Conv2d conv, QuantParams input, QuantParams output, bool relu) : base(name)
    {
        spec = ConvSpec.Create(name, conv.KernelSize, conv.Stride, conv.Padding, conv.Dilation, conv.Groups);
        (weight, inChannels, this.input, this.output) = (new QuantizedWeight(conv.Weight, conv.Bias), conv.InChannels, input, output);
        requantizer = weight.Requantizer(input, output, relu);
    }

    public override QuantizedTensor Forward(QuantizedTensor x)
    {
        if (x.Shape.Length != 4 || x.Shape[1] != inChannels)
            throw new ArgumentException($"{Name}: expected input [N, {inChannels}, H, W], got {ShapeUtil.Format(x.Shape)}.");
        int[] spatial = [x.Shape[2], x.Shape[3]];
        var outputSize = spec.OutputSize(spatial, x.Shape);
        var geometry = spec.Geometry(x.Shape[0], inChannels, spatial, outputSize);
        var backend = x.Device.Backend;
        var rows = backend.AllocateIntegers(Backends.IntegerKind.UInt8, geometry.Columns * geometry.Rows);
        backend.ImageToRows(rows, x.Codes, geometry, (byte)input.ZeroPoint);
        var codes = weight.Apply(rows, geometry.Columns, requantizer, positions: geometry.OutputVolume);
        backend.ReleaseIntegers(rows);
        return new QuantizedTensor(codes, [x.Shape[0], weight.OutFeatures, .. outputSize], output);
    }
}
