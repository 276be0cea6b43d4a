namespace Sharpgrad.Kernels;

/// <summary>The layout of a contiguous row-major array: its element count and the step of each dim.</summary>
internal static class RowMajor
{
    public static int Count(ReadOnlySpan<int> shape)
    {
        int n = 1;
        foreach (var d in shape) n *= d;
        return n;
    }

    /// <summary>The strides of a contiguous array of <paramref name="shape"/> (a size-0 dim steps as if it had size 1).</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= Math.Max(shape[d], 1);
        }
        return strides;
    }
}
