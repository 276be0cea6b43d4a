namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- sub-pixel rearrangement (Shi et al. 2016)

    /// <summary>
    /// [*, C·r², H, W] → [*, C, H·r, W·r]: the r² channels of each output channel become an r×r block of pixels, so a
    /// convolution at low resolution can produce a high-resolution image (the "efficient sub-pixel convolution" of
    /// Shi et al. 2016). Output pixel (h·r + i, w·r + j) of channel c is input channel c·r² + i·r + j at (h, w), as in
    /// PyTorch. A pure rearrangement (reshape, permute, reshape), so its gradient is the inverse rearrangement.
    /// </summary>
    public static Tensor PixelShuffle(Tensor input, int upscaleFactor)
    {
        const string op = "PixelShuffle";
        var (leading, channels, height, width) = ImageDims(op, input, upscaleFactor, "upscale factor");
        int r = upscaleFactor;
        if (channels % (r * r) != 0)
            throw new ArgumentException($"{op}: the channel count {channels} (input shape {input.ShapeText}) must be divisible by the square of the upscale factor, {r * r}.");
        int c = channels / (r * r);
        var blocks = input.Reshape(-1, c, r, r, height, width).Permute(0, 1, 4, 2, 5, 3);   // [B, C, H, r, W, r]
        return blocks.Reshape([.. leading, c, height * r, width * r]);
    }

    /// <summary>
    /// The inverse of <see cref="PixelShuffle"/>: [*, C, H·r, W·r] → [*, C·r², H, W], each r×r block of pixels becoming
    /// r² channels (space-to-depth).
    /// </summary>
    public static Tensor PixelUnshuffle(Tensor input, int downscaleFactor)
    {
        const string op = "PixelUnshuffle";
        var (leading, channels, height, width) = ImageDims(op, input, downscaleFactor, "downscale factor");
        int r = downscaleFactor;
        if (height % r != 0 || width % r != 0)
            throw new ArgumentException($"{op}: the spatial size {height}×{width} (input shape {input.ShapeText}) must be divisible by the downscale factor {r}.");
        int h = height / r, w = width / r;
        var blocks = input.Reshape(-1, channels, h, r, w, r).Permute(0, 1, 3, 5, 2, 4);     // [B, C, r, r, H, W]
        return blocks.Reshape([.. leading, channels * r * r, h, w]);
    }

    /// <summary>The leading (batch) dims and C, H, W of an image tensor [*, C, H, W], after checking the factor.</summary>
    private static (int[] Leading, int Channels, int Height, int Width) ImageDims(string op, Tensor input, int factor, string what)
    {
        if (input.Rank < 3)
            throw new ArgumentException($"{op}: expected an input [*, C, H, W] with at least 3 dims, got shape {input.ShapeText}.");
        if (factor < 1)
            throw new ArgumentException($"{op}: the {what} must be at least 1, got {factor}.");
        return (input.Shape[..^3], input.Size(-3), input.Size(-2), input.Size(-1));
    }
}
