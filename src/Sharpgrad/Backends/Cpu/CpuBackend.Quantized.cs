using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

internal sealed partial class CpuBackend
{
    protected override void Quantize<T>(T[] codes, float[] x, int offset, int count, AffineQuantizer quantizer)
        => QuantizationKernels.Quantize(codes, x, offset, count, quantizer);

    protected override void Dequantize<T>(float[] x, int offset, int count, T[] codes, AffineQuantizer quantizer)
        => QuantizationKernels.Dequantize(x, offset, count, codes, quantizer);

    protected override void IntegerMatMul(int[] c, byte[] a, sbyte[] b, int m, int n, int k) => Int8Gemm.Multiply(c, a, b, m, n, k);

    protected override void Requantize(byte[] output, int[] sums, Requantizer requantizer, int rows, int positions)
        => QuantizationKernels.Requantize(output, sums, requantizer, rows, positions);

    protected override void ImageToRows(byte[] rows, byte[] image, ConvGeometry geometry, byte padding)
        => Int8ImageToRows.Fill(rows, image, geometry, padding);
}
