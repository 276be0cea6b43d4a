namespace Sharpgrad.Data;

/// <summary>
/// Decodes 8-bit pixel intensities 0..255 into float32 values in [0, 1], the convention of torchvision's
/// <c>ToTensor</c> (<c>img.float().div(255)</c>) that every image reader here follows. The loop runs over raw file
/// bytes while decoding them, so it belongs to the reader rather than to a tensor kernel.
/// </summary>
internal static class PixelBytes
{
    public static void ToUnitInterval(ReadOnlySpan<byte> pixels, Span<float> values)
    {
        for (int i = 0; i < pixels.Length; i++) values[i] = pixels[i] / 255f;
    }
}
