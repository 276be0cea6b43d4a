namespace Sharpgrad.NN;

public static partial class Functional
{
    // ---------------------------------------------------------------- resampling and channel dropout

    /// <summary>
    /// Resizes the spatial dims of [N, C, spatial...] to <paramref name="size"/>, or by <paramref name="scaleFactor"/>
    /// (output ⌊W·factor⌋), as torch.nn.functional.interpolate. With <paramref name="alignCorners"/> (linear modes
    /// only) the corner pixels of input and output line up exactly; without (the default) pixels are treated as
    /// areas whose centres sit at half-integers, which is what PyTorch and most image libraries do.
    /// </summary>
    public static Tensor Interpolate(Tensor input, SpatialSize? size = null, double? scaleFactor = null,
        InterpolationMode mode = InterpolationMode.Nearest, bool? alignCorners = null)
    {
        const string op = "Interpolate";
        if (input.Rank < 3 || input.Rank > 5)
            throw new ArgumentException($"{op}: expected a 3-D, 4-D or 5-D input [N, C, spatial...], got shape {input.ShapeText}.");
        if (!input.DType.IsFloatingPoint())
            throw new ArgumentException($"{op}: input must be float32 or float64, got {input.DType.Name()}.");
        int dims = input.Rank - 2;
        int needed = mode switch { InterpolationMode.Linear => 1, InterpolationMode.Bilinear => 2, InterpolationMode.Trilinear => 3, _ => dims };
        if (needed != dims)
            throw new ArgumentException($"{op}: {mode.ToString().ToLowerInvariant()} interpolation needs a {needed + 2}-D input, got shape {input.ShapeText}.");
        if (alignCorners is not null && mode == InterpolationMode.Nearest)
            throw new ArgumentException($"{op}: alignCorners can only be set with the linear modes (linear, bilinear, trilinear).");
        if ((size is null) == (scaleFactor is null))
            throw new ArgumentException($"{op}: give either a size or a scale factor, not {(size is null ? "neither" : "both")}.");
        if (scaleFactor is { } f && !(f > 0))
            throw new ArgumentException($"{op}: the scale factor must be positive, got {f}.");

        var spatial = input.Shape[2..];
        var outSize = size is { } s
            ? s.For(dims, op, "size", minimum: 1)
            : spatial.Select(w => (int)Math.Floor(w * scaleFactor!.Value)).ToArray();
        if (outSize.Any(o => o < 1))
            throw new ArgumentException($"{op}: scale factor {scaleFactor} shrinks input shape {input.ShapeText} to nothing.");
        var result = input;
        for (int d = 0; d < dims; d++)
            result = mode == InterpolationMode.Nearest
                ? Resampling.Nearest(result, 2 + d, outSize[d], scaleFactor)
                : Resampling.Linear(result, 2 + d, outSize[d], scaleFactor, alignCorners ?? false);
        return result;
    }

    /// <summary>
    /// Channel dropout (Tompson et al. 2015; PyTorch's dropout2d): while training, each whole feature map of
    /// [N, C, H, W] (or unbatched [C, H, W]) is zeroed with probability p and the survivors scaled by 1/(1 − p).
    /// Neighbouring pixels of a map are strongly correlated, so dropping single pixels (<see cref="Dropout"/>)
    /// would barely regularise a convolutional layer.
    /// </summary>
    public static Tensor Dropout2d(Tensor input, double p = 0.5, bool training = true, Generator? generator = null)
    {
        CheckDropoutProbability(p);
        if (input.Rank != 3 && input.Rank != 4)
            throw new ArgumentException($"Dropout2d: expected a 4-D input [N, C, H, W] (or 3-D [C, H, W]), got shape {input.ShapeText}.");
        if (!training || p == 0) return input;
        // One draw per (image, channel), broadcast over the map: ordinary dropout of a ones tensor of that shape.
        int[] maskShape = input.Shape;
        maskShape[^1] = maskShape[^2] = 1;
        return input * Dropout(Tensor.Ones(maskShape, input.DType), p, training, generator);
    }
}
