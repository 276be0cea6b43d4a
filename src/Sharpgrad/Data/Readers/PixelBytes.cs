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

    public static void ToUnitInterval(ReadOnlySpan<byte> pixels, Span<float> values)
    {
        for (int i = 0; i < pixels.Length; i++) values[i] = pixels[i] / 255f;
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
        var chunk = new float[Math.Min(ChunkLength, pixels.Length)];
        for (int start = 0; start < pixels.Length; start += chunk.Length)
        {
            int length = Math.Min(chunk.Length, pixels.Length - start);
            var values = chunk.AsSpan(0, length);
            ToUnitInterval(pixels.Slice(start, length), values);
            var part = flat.Narrow(0, start, length);
            part.Backend.Upload(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), part);
        }
        return images;
    }
}
