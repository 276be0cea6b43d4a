using Sharpgrad.Backends;
using Sharpgrad.Kernels;

namespace Sharpgrad.Quantized;

/// <summary>
/// A Linear or Conv2d weight quantised per output channel, symmetrically, to int8 (PyTorch's fbgemm default,
/// per_channel_symmetric qint8): row j of the weight [out, K] gets the scale s_j = max|w_j|/127.5 (at least ε) and
/// zero point 0, so the codes are round(w/s_j) in [−128, 127]. One scale per channel keeps a channel of small weights
/// from losing its resolution to a channel of large ones. The float bias is kept and added during requantisation, as
/// fbgemm does.
/// </summary>
internal sealed class QuantizedWeight
{
    private const int CodeMin = sbyte.MinValue, CodeMax = sbyte.MaxValue;

    /// <summary>The deepest K whose sums and zero-point correction stay in int32: 2·K·255·128 ≤ 2³¹ − 1.</summary>
    public const int MaxExactDepth = int.MaxValue / (2 * 255 * 128);

    public IntegerStorage Codes { get; }
    public float[] Scales { get; }
    public float[] Bias { get; }
    public int[] RowSums { get; }
    public int OutFeatures { get; }
    public int InFeatures { get; }

    /// <summary><paramref name="weight"/> [out, …] read as [out, K]; <paramref name="bias"/> [out] or null.</summary>
    public QuantizedWeight(Tensor weight, Tensor? bias)
    {
        using var _ = Autograd.NoGrad();
        var matrix = weight.Detach().To(DType.Float32).Reshape(weight.Size(0), -1).Contiguous();
        (OutFeatures, InFeatures) = (matrix.Size(0), matrix.Size(1));
        // The int32 sums are exact only while K·255·128 products, and the input zero point's correction of the same
        // size, fit in int32; a deeper layer would wrap around silently.
        if (InFeatures > MaxExactDepth)
            throw new ArgumentException(
                $"Quantization: a layer with weight {weight.ShapeText} sums {InFeatures} products per output, but int32 accumulation of " +
                $"u8×s8 products (each up to 255·128, plus the zero-point correction) is exact only up to {MaxExactDepth}. Keep this layer in float32.");
        Scales = [.. matrix.Abs().Amax(1).ToArray<float>().Select(m => Math.Max(m / ((CodeMax - CodeMin) / 2f), QuantParams.MachineEpsilon))];
        Codes = matrix.Backend.AllocateIntegers(IntegerKind.Int8, matrix.Count);
        matrix.Backend.Quantize(Codes, matrix, Quantizer);
        // Σₗ w[j, l] of the codes, for the input zero point's correction (Requantizer): the codes read back as exact
        // small integers in float32, whose row sums (|Σ| ≤ 128·K) are exact too.
        var unitQuantizer = new AffineQuantizer([.. Enumerable.Repeat(1f, OutFeatures)], new int[OutFeatures], CodeMin, CodeMax);
        var codesAsFloat = Tensor.Uninitialized(DType.Float32, [OutFeatures, InFeatures], matrix.Device);
        matrix.Backend.Dequantize(codesAsFloat, Codes, unitQuantizer);
        RowSums = [.. codesAsFloat.Sum(1).ToArray<float>().Select(s => (int)s)];
        Bias = bias is null ? new float[OutFeatures] : bias.Detach().To(DType.Float32).ToArray<float>();
    }

    /// <summary>Per-channel symmetric: scale s_j and zero point 0 for each output channel.</summary>
    private AffineQuantizer Quantizer => new(Scales, new int[OutFeatures], CodeMin, CodeMax);

    /// <summary>The weight as float32 again, s_j·q: what the int8 layer multiplies by.</summary>
    public Tensor Dequantize(Device device)
    {
        var x = Tensor.Uninitialized(DType.Float32, [OutFeatures, InFeatures], device);
        device.Backend.Dequantize(x, Codes, Quantizer);
        return x;
    }

    /// <summary>
    /// The requantisation from int32 sums to output codes for an input quantised as <paramref name="input"/> and an
    /// output quantised as <paramref name="output"/> (with ReLU fused when <paramref name="relu"/>): fixed once calibrated.
    /// </summary>
    public Requantizer Requantizer(QuantParams input, QuantParams output, bool relu)
        => new(input.ZeroPoint, RowSums, [.. Scales.Select(s => input.Scale * s)], Bias, output.Scale, output.ZeroPoint, relu);

    /// <summary>
    /// The layer's output codes for <paramref name="rows"/> input rows of InFeatures codes each: the int8 product with
    /// int32 sums, then <paramref name="requantizer"/>. With <paramref name="positions"/> rows per image, the result is
    /// [rows/positions, OutFeatures, positions] (see <see cref="Backend.Requantize"/>).
    /// </summary>
    public IntegerStorage Apply(IntegerStorage inputCodes, int rows, Requantizer requantizer, int positions)
    {
        var backend = inputCodes.Device.Backend;
        var sums = backend.AllocateIntegers(IntegerKind.Int32, rows * OutFeatures);
        backend.IntegerMatMul(sums, inputCodes, Codes, rows, OutFeatures, InFeatures);
        var result = backend.AllocateIntegers(IntegerKind.UInt8, rows * OutFeatures);
        backend.Requantize(result, sums, requantizer, rows, positions);
        backend.ReleaseIntegers(sums);
        return result;
    }
}
