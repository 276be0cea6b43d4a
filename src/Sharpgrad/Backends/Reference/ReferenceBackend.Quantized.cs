using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// int8 inference as plain loops, one element at a time: the oracle of the cpu backend's int8 kernels.
internal sealed partial class ReferenceBackend
{
    protected override void Quantize<T>(T[] codes, float[] x, int offset, int count, AffineQuantizer quantizer)
    {
        for (int i = 0; i < count; i++)
            codes[i] = T.CreateTruncating(quantizer.Code(x[offset + i], ChannelOf(i, count, quantizer.Channels)));
    }

    protected override void Dequantize<T>(float[] x, int offset, int count, T[] codes, AffineQuantizer quantizer)
    {
        for (int i = 0; i < count; i++)
            x[offset + i] = quantizer.Value(int.CreateTruncating(codes[i]), ChannelOf(i, count, quantizer.Channels));
    }

    /// <summary>The integer matrix product c = a·bᵀ as the triple loop of GBC §2.1, exact in int32.</summary>
    protected override void IntegerMatMul(int[] c, byte[] a, sbyte[] b, int m, int n, int k)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                int sum = 0;
                for (int l = 0; l < k; l++) sum += a[i * k + l] * b[j * k + l];
                c[i * n + j] = sum;
            }
    }

    protected override void Requantize(byte[] output, int[] sums, Requantizer requantizer, int rows, int positions)
    {
        int channels = requantizer.Channels;
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < channels; j++)
            {
                int image = r / positions, position = r % positions;
                output[(image * channels + j) * positions + position] = requantizer.Code(sums[r * channels + j], j);
            }
    }

    /// <summary>Every entry of the row matrix from its definition: row n·L + p, column c·K + k reads tap k of position p.</summary>
    protected override void ImageToRows(byte[] rows, byte[] image, ConvGeometry g, byte padding)
    {
        int taps = g.KernelVolume, positions = g.OutputVolume, width = g.Rows;
        for (int n = 0; n < g.Batch; n++)
            for (int p = 0; p < positions; p++)
                for (int c = 0; c < g.Channels; c++)
                    for (int k = 0; k < taps; k++)
                    {
                        int pixel = Pixel(g, p, k);
                        rows[(n * positions + p) * width + c * taps + k] = pixel < 0 ? padding : image[(n * g.Channels + c) * g.InputVolume + pixel];
                    }
    }

    /// <summary>The flat input position that tap k of output position p reads, or −1 in the padding.</summary>
    private static int Pixel(ConvGeometry g, int p, int k)
    {
        int pixel = 0;
        for (int d = 0, outputRest = p, tapRest = k, outputBelow = g.OutputVolume, tapBelow = g.KernelVolume; d < ConvGeometry.Dims; d++)
        {
            outputBelow /= g.Output[d];
            tapBelow /= g.Kernel[d];
            int i = g.InputPosition(d, outputRest / outputBelow, tapRest / tapBelow);
            if (i < 0 || i >= g.Input[d]) return -1;
            pixel = pixel * g.Input[d] + i;
            outputRest %= outputBelow;
            tapRest %= tapBelow;
        }
        return pixel;
    }
}
