using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

/// <summary>
/// The index map of a convolution (GBC §9.5, eq. 9.8, with zero padding P and dilation D), read both ways. Positions
/// and kernel taps are row-major indices over three spatial dims (depth, height, width; a 2-D convolution has depth 1).
/// Along each dim, output position o reads input position i = o·S − P + k·D through tap k; a position outside the
/// input is padding and reads zero.
/// </summary>
internal static class ConvolutionTaps
{
    /// <summary>The input pixel that output position <paramref name="position"/> reads through <paramref name="tap"/>, or −1 in the padding.</summary>
    public static int InputPixel(ConvGeometry g, int position, int tap)
    {
        int pixel = 0;
        for (int d = 0; d < ConvGeometry.Dims; d++)
        {
            int i = Coordinate(position, g.Output, d) * g.Stride[d] - g.PadBefore[d] + Coordinate(tap, g.Kernel, d) * g.Dilation[d];
            if (i < 0 || i >= g.Input[d]) return -1;
            pixel = pixel * g.Input[d] + i;
        }
        return pixel;
    }

    /// <summary>
    /// The output position that reads <paramref name="pixel"/> through <paramref name="tap"/>, or −1 if none does: the o
    /// with o·S = i + P − k·D, which exists only where the right side is a multiple of S (the "s.t." of GBC eq. 9.13).
    /// </summary>
    public static int OutputPosition(ConvGeometry g, int pixel, int tap)
    {
        int position = 0;
        for (int d = 0; d < ConvGeometry.Dims; d++)
        {
            int strided = Coordinate(pixel, g.Input, d) + g.PadBefore[d] - Coordinate(tap, g.Kernel, d) * g.Dilation[d];
            if (strided < 0 || strided % g.Stride[d] != 0 || strided / g.Stride[d] >= g.Output[d]) return -1;
            position = position * g.Output[d] + strided / g.Stride[d];
        }
        return position;
    }

    /// <summary>The index along <paramref name="dim"/> of the row-major <paramref name="index"/> into <paramref name="sizes"/>.</summary>
    private static int Coordinate(int index, int[] sizes, int dim)
    {
        for (int d = sizes.Length - 1; d > dim; d--) index /= sizes[d];
        return index % sizes[dim];
    }
}
