using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// The elementwise maps of int8 inference, split across threads: float ↔ codes (<see cref="AffineQuantizer"/>) and
/// int32 sums → the next layer's codes (<see cref="Requantizer"/>). Each element is the same formula the reference
/// backend evaluates, so the results agree bit for bit; only the scheduling differs, in runs of one channel.
/// </summary>
internal static class QuantizationKernels
{
    private const long Grain = 16384;

    public static void Quantize<T>(T[] codes, float[] x, int offset, int count, AffineQuantizer quantizer) where T : unmanaged, IBinaryInteger<T>
    {
        int perChannel = count / quantizer.Channels;
        ParallelRange.For(count, Grain, (begin, end) =>
        {
            for (int i = (int)begin; i < end;)
            {
                int channel = i / perChannel, stop = (int)Math.Min(end, (channel + 1L) * perChannel);
                for (; i < stop; i++) codes[i] = T.CreateTruncating(quantizer.Code(x[offset + i], channel));
            }
        });
    }

    public static void Dequantize<T>(float[] x, int offset, int count, T[] codes, AffineQuantizer quantizer) where T : unmanaged, IBinaryInteger<T>
    {
        int perChannel = count / quantizer.Channels;
        ParallelRange.For(count, Grain, (begin, end) =>
        {
            for (int i = (int)begin; i < end;)
            {
                int channel = i / perChannel, stop = (int)Math.Min(end, (channel + 1L) * perChannel);
                for (; i < stop; i++) x[offset + i] = quantizer.Value(int.CreateTruncating(codes[i]), channel);
            }
        });
    }

    /// <summary>Row r of the sums [rows, channels] goes to output[(image·channels + j)·positions + position] (NCHW per image).</summary>
    public static void Requantize(byte[] output, int[] sums, Requantizer requantizer, int rows, int positions)
    {
        int channels = requantizer.Channels;
        ParallelRange.For(rows, Math.Max(1, Grain / channels), (begin, end) =>
        {
            for (int r = (int)begin; r < end; r++)
            {
                int image = r / positions, position = r - image * positions;
                int at = image * channels * positions + position;
                for (int j = 0; j < channels; j++) output[at + j * positions] = requantizer.Code(sums[r * channels + j], j);
            }
        });
    }
}
