using Sharpgrad.Backends;
using Sharpgrad.Kernels;

namespace Sharpgrad.Quantized;

/// <summary>
/// A tensor of uint8 codes with one scale and zero point (PyTorch's quint8 per_tensor_affine): what flows between the
/// layers of a <see cref="QuantizedModel"/>. The codes live in a backend buffer, contiguous in <see cref="Shape"/>.
/// </summary>
internal sealed class QuantizedTensor(IntegerStorage codes, int[] shape, QuantParams quant)
{
    public IntegerStorage Codes { get; } = codes;
    public int[] Shape { get; } = shape;
    public QuantParams Quant { get; } = quant;
    public Device Device => Codes.Device;
    public int Count => ShapeUtil.Count(Shape);

    /// <summary>q = clamp(round(x/s) + z, 0, 255) elementwise (<see cref="AffineQuantizer.Code"/>).</summary>
    public static QuantizedTensor Quantize(Tensor x, QuantParams quant)
    {
        var source = x.DType == DType.Float32 ? x.Contiguous() : x.To(DType.Float32).Contiguous();
        var codes = source.Backend.AllocateIntegers(IntegerKind.UInt8, source.Count);
        source.Backend.Quantize(codes, source, quant.Quantizer);
        return new QuantizedTensor(codes, source.Shape, quant);
    }

    /// <summary>r = s·(q − z) elementwise, as a new float32 tensor.</summary>
    public Tensor Dequantize()
    {
        var x = Tensor.Uninitialized(DType.Float32, Shape, Device);
        Device.Backend.Dequantize(x, Codes, Quant.Quantizer);
        return x;
    }

    /// <summary>The same codes seen with another shape of the same size (Flatten).</summary>
    public QuantizedTensor Reshape(int[] shape) => new(Codes, shape, Quant);
}
