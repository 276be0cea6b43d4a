using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Data;

/// <summary>
/// Decodes 8-bit pixel intensities 0..255 into float32 values in [0, 1], the convention of torchvision's
/// <c>ToTensor</c> (<c>img.float().div(255)</c>) that every image reader here follows. The loop runs over raw file
/// bytes while decoding them, so it belongs to the reader rather than to a tensor kernel.
/// </summary>
internal static class PixelBytes
{
    /// <summary>Floats converted per upload: a 64 KB buffer, so decoding needs no float copy of the whole image set.</summary>
    private const int ChunkLength = 16384;

    /// <summary>
    /// values[i] = pixels[i] / 255 in float32. Vectorised because a data loader runs it on every batch (the scalar loop
    /// cost 8 instructions a pixel, 0.4 G a Fashion-MNIST epoch, issue #20). The same bits as the scalar quotient:
    /// a byte converts to float32 exactly, and a vector division rounds each lane as IEEE division does.
    /// </summary>
    public static void ToUnitInterval(ReadOnlySpan<byte> pixels, Span<float> values)
    {
        if (values.Length < pixels.Length)
            throw new ArgumentException($"PixelBytes.ToUnitInterval: {pixels.Length} pixels need as many floats, got {values.Length}.", nameof(values));
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var divisor = new Vector<float>(255f);
            int quarter = Vector<float>.Count;
            for (; i <= pixels.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                // One byte vector widens to four 32-bit vectors (values 0..255, so the signed view is exact).
                Vector.Widen(new Vector<byte>(pixels[i..]), out var low, out var high);
                Vector.Widen(low, out var q0, out var q1);
                Vector.Widen(high, out var q2, out var q3);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q0)) / divisor).CopyTo(values[i..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q1)) / divisor).CopyTo(values[(i + quarter)..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q2)) / divisor).CopyTo(values[(i + 2 * quarter)..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q3)) / divisor).CopyTo(values[(i + 3 * quarter)..]);
            }
        }
        for (; i < pixels.Length; i++) values[i] = pixels[i] / 255f;
    }

    /// <summary>
    /// A float32 tensor of <paramref name="shape"/> holding <paramref name="pixels"/> in [0, 1], converted a chunk at a
    /// time straight into the tensor's storage: a host float array of the whole set would double the peak memory of
    /// loading (188 MB more for Fashion-MNIST's training images, issue #21).
    /// </summary>
    public static Tensor ToTensor(ReadOnlySpan<byte> pixels, int[] shape)
    {
        var images = Tensor.Uninitialized(DType.Float32, shape);
        if (pixels.IsEmpty) return images;
        var flat = images.View(-1);
        // Rented, not allocated: a loader converts every batch, and a new 64 KB buffer per batch was a fifth of an MLP
        // step's allocations and its share of gen-0 collections (issue #20).
        int chunkLength = Math.Min(ChunkLength, pixels.Length);
        var chunk = ArrayPool<float>.Shared.Rent(chunkLength);
        try
        {
            for (int start = 0; start < pixels.Length; start += chunkLength)
            {
                int length = Math.Min(chunkLength, pixels.Length - start);
                var values = chunk.AsSpan(0, length);
                ToUnitInterval(pixels.Slice(start, length), values);
                var part = flat.Narrow(0, start, length);
                part.Backend.Upload(MemoryMarshal.AsBytes(values), part);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
        }
        return images;
    }
}
