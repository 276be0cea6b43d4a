using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// The hyper-parameters of a max or average pooling, resolved to one value per spatial dim and checked, with the
/// shape arithmetic PyTorch uses: the output size and the <see cref="PoolWindows"/> the kernels walk.
/// </summary>
internal sealed record PoolSpec(string Op, int[] Kernel, int[] Stride, int[] Padding, int[] Dilation, bool CeilMode)
{
    public int Dims => Kernel.Length;

    /// <param name="stride">default: the kernel size, so windows tile the input without overlap</param>
    public static PoolSpec Create(string op, int dims, SpatialSize kernelSize, SpatialSize? stride, SpatialSize? padding,
        SpatialSize? dilation, bool ceilMode)
    {
        var kernel = kernelSize.For(dims, op, "kernel size", minimum: 1);
        var s = stride is { } given ? given.For(dims, op, "stride", minimum: 1) : kernel;
        var p = (padding ?? 0).For(dims, op, "padding", minimum: 0);
        var d = (dilation ?? 1).For(dims, op, "dilation", minimum: 1);
        for (int i = 0; i < dims; i++)
            if (p[i] > kernel[i] / 2)
                throw new ArgumentException(
                    $"{op}: padding {SpatialSize.Text(p)} must be at most half the kernel size {SpatialSize.Text(kernel)}, or some window would see only padding.");
        return new PoolSpec(op, kernel, s, p, d, ceilMode);
    }

    /// <summary>
    /// ⌊(W + 2P − D·(F − 1) − 1)/S⌋ + 1 per dim, or with ⌈⌉ in ceil mode — in which case a last window that would
    /// start in the right padding is dropped, as in PyTorch.
    /// </summary>
    public int[] OutputSize(int[] input, int[] inputShape)
    {
        var output = new int[Dims];
        for (int d = 0; d < Dims; d++)
        {
            int room = input[d] + 2 * Padding[d] - Dilation[d] * (Kernel[d] - 1) - 1;
            if (room < 0) { output[d] = 0; continue; }
            output[d] = (CeilMode ? (room + Stride[d] - 1) / Stride[d] : room / Stride[d]) + 1;
            if (CeilMode && (output[d] - 1) * Stride[d] >= input[d] + Padding[d]) output[d]--;
        }
        if (output.Any(o => o <= 0))
            throw new ArgumentException(
                $"{Op}: the input's spatial size {ConvSpec.Cross(input)} (shape {ShapeUtil.Format(inputShape)}) with padding {SpatialSize.Text(Padding)} " +
                $"is smaller than the window {ConvSpec.Cross(Kernel)} (dilation {SpatialSize.Text(Dilation)}); the output size would be {ConvSpec.Cross(output)}.");
        return output;
    }

    /// <summary>
    /// The windows o·S − P + j·D, j &lt; F, of every output. An average divides by the window's size including
    /// padding (but not the part that ceil mode adds past it) or, without <paramref name="countIncludePad"/>, by
    /// the number of real inputs in it; <paramref name="divisorOverride"/> replaces both.
    /// </summary>
    public PoolWindows Windows(int planes, int[] input, int[] output, bool countIncludePad = true, int? divisorOverride = null)
    {
        var start = new int[Dims][];
        var count = new int[Dims][];
        var divisors = new int[Dims][];
        for (int d = 0; d < Dims; d++)
        {
            start[d] = new int[output[d]];
            count[d] = new int[output[d]];
            divisors[d] = new int[output[d]];
            for (int o = 0; o < output[d]; o++)
            {
                int begin = o * Stride[d] - Padding[d], end = Math.Min(begin + Kernel[d], input[d] + Padding[d]);
                start[d][o] = begin;
                count[d][o] = Kernel[d];
                divisors[d][o] = countIncludePad ? end - begin : Math.Min(end, input[d]) - Math.Max(begin, 0);
            }
        }
        return Lift(planes, input, output, start, count, Dilation, divisors, divisorOverride);
    }

    /// <summary>
    /// Adaptive pooling's windows: output o of n over an input of size W covers [⌊o·W/n⌋, ⌈(o + 1)·W/n⌉), so
    /// the windows tile the input whatever its size, overlapping by at most one position.
    /// </summary>
    public static PoolWindows AdaptiveWindows(int planes, int[] input, int[] output)
    {
        int dims = input.Length;
        var start = new int[dims][];
        var count = new int[dims][];
        for (int d = 0; d < dims; d++)
        {
            start[d] = new int[output[d]];
            count[d] = new int[output[d]];
            for (int o = 0; o < output[d]; o++)
            {
                start[d][o] = (int)((long)o * input[d] / output[d]);
                count[d][o] = (int)(((long)(o + 1) * input[d] + output[d] - 1) / output[d]) - start[d][o];
            }
        }
        return Lift(planes, input, output, start, count, Enumerable.Repeat(1, dims).ToArray(), count, null);
    }

    /// <summary>Pads the per-dim descriptions to the kernels' three dims with leading size-1 dims.</summary>
    private static PoolWindows Lift(int planes, int[] input, int[] output, int[][] start, int[][] count, int[] step, int[][] divisors, int? divisorOverride)
    {
        int missing = PoolWindows.Dims - input.Length;
        int[] Ones(int n) => Enumerable.Repeat(1, n).ToArray();
        int[][] Leading(int[][] perDim, int fill) => [.. Enumerable.Range(0, missing).Select(_ => new[] { fill }), .. perDim];
        return new PoolWindows(planes, [.. Ones(missing), .. input], [.. Ones(missing), .. output],
            Leading(start, 0), Leading(count, 1), [.. Ones(missing), .. step], Leading(divisors, 1), divisorOverride);
    }
}
