namespace Sharpgrad.NN;

/// <summary>
/// Resizing along one dim at a time (<see cref="Functional.Interpolate"/>). Nearest and (bi/tri)linear
/// interpolation are separable — a 2-D bilinear weight is the product of a weight per dim — so resizing along
/// each spatial dim in turn gives exactly PyTorch's result. Along one dim, output o reads the input at a source
/// coordinate s(o): nearest copies ⌊s⌋ (an IndexSelect), linear mixes ⌊s⌋ and the next position with weights
/// 1 − λ and λ. IndexSelect's backward adds gradients back onto the positions read, so both are differentiable.
/// </summary>
internal static class Resampling
{
    /// <param name="scaleFactor">the user's scale factor, or null when the output size was given</param>
    public static Tensor Nearest(Tensor x, int dim, int outSize, double? scaleFactor)
    {
        int inSize = x.Size(dim);
        var o = Tensor.Arange(0, outSize, 1, DType.Float64);
        // With a size, ⌊o·in/out⌋: o·in is a whole number and a ratio of small whole numbers never rounds across an
        // integer, so the floor is exact. With a factor, ⌊o·(1/factor)⌋, as PyTorch computes it.
        var source = scaleFactor is { } factor ? o * (1 / factor) : o * inSize / outSize;
        return x.IndexSelect(dim, source.Long().Clamp(max: inSize - 1));
    }

    public static Tensor Linear(Tensor x, int dim, int outSize, double? scaleFactor, bool alignCorners)
    {
        int inSize = x.Size(dim);
        var o = Tensor.Arange(0, outSize, 1, DType.Float64);
        Tensor source;
        if (alignCorners)
            // The corner pixels' centres of input and output coincide: s = o·(in − 1)/(out − 1).
            source = outSize > 1 ? o * ((inSize - 1) / (double)(outSize - 1)) : o * 0;
        else
        {
            // Pixel centres at half-integers: s = (o + ½)·scale − ½, clamped at the first pixel.
            double scale = scaleFactor is { } factor ? 1 / factor : inSize / (double)outSize;
            source = ((o + 0.5) * scale - 0.5).Clamp(min: 0);
        }
        var lower = source.Long().Clamp(max: inSize - 1);
        var upper = (lower + 1).Clamp(max: inSize - 1);
        var shape = Enumerable.Repeat(1, x.Rank - dim).ToArray();
        shape[0] = outSize;
        var lambda = (source - lower.Double()).To(x.DType).Reshape(shape);
        return x.IndexSelect(dim, lower) * (1 - lambda) + x.IndexSelect(dim, upper) * lambda;
    }
}
