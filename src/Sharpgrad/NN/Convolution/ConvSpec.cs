using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// The hyper-parameters of one convolution or transposed convolution, resolved to one value per spatial dim and
/// checked, with the shape arithmetic both need: the names of the dims for messages and the
/// <see cref="ConvGeometry"/> of the im2col that computes it.
/// </summary>
internal sealed record ConvSpec(string Op, int[] Kernel, int[] Stride, int[] Dilation, int[] PadBefore, int[] PadAfter, int Groups)
{
    public int Dims => Kernel.Length;

    public int KernelVolume => Kernel.Aggregate(1, (p, k) => p * k);

    public static ConvSpec Create(string op, int[] kernel, SpatialSize? stride, ConvPadding? padding, SpatialSize? dilation, int groups)
    {
        int dims = kernel.Length;
        var s = (stride ?? 1).For(dims, op, "stride", minimum: 1);
        var d = (dilation ?? 1).For(dims, op, "dilation", minimum: 1);
        if (groups < 1) throw new ArgumentException($"{op}: groups must be at least 1, got {groups}.");
        var (before, after) = (padding ?? 0).Resolve(kernel, d, s, op);
        return new ConvSpec(op, kernel, s, d, before, after, groups);
    }

    /// <summary>
    /// The output size along each dim, ⌊(W + P_before + P_after − D·(F − 1) − 1)/S⌋ + 1 (GBC §9.5; with D = 1 and
    /// symmetric P this is the books' ⌊(W − F + 2P)/S⌋ + 1). Throws when the padded input is smaller than the
    /// kernel's extent D·(F − 1) + 1, which would leave no output.
    /// </summary>
    public int[] OutputSize(int[] input, int[] inputShape)
    {
        var output = new int[Dims];
        for (int d = 0; d < Dims; d++)
        {
            int room = input[d] + PadBefore[d] + PadAfter[d] - Dilation[d] * (Kernel[d] - 1) - 1;
            output[d] = room < 0 ? 0 : room / Stride[d] + 1;
        }
        if (output.Any(o => o <= 0))
        {
            var extent = Enumerable.Range(0, Dims).Select(d => Dilation[d] * (Kernel[d] - 1) + 1).ToArray();
            throw new ArgumentException(
                $"{Op}: the input's spatial size {Cross(input)} (shape {ShapeUtil.Format(inputShape)}) with padding {PaddingText} is smaller than " +
                $"the kernel's extent {Cross(extent)} (kernel {Cross(Kernel)}, dilation {SpatialSize.Text(Dilation)}); the output size would be {Cross(output)}.");
        }
        return output;
    }

    private string PaddingText => PadBefore.SequenceEqual(PadAfter)
        ? SpatialSize.Text(PadBefore)
        : $"{SpatialSize.Text(PadBefore)} before and {SpatialSize.Text(PadAfter)} after";

    /// <summary>The im2col geometry over three spatial dims, lower ranks lifted with leading size-1 dims.</summary>
    public ConvGeometry Geometry(int batch, int channels, int[] input, int[] output) => new(
        batch, channels, Lift(input, 1), Lift(Kernel, 1), Lift(Stride, 1), Lift(PadBefore, 0), Lift(Dilation, 1), Lift(output, 1));

    private static int[] Lift(int[] perDim, int fill) =>
        [.. Enumerable.Repeat(fill, ConvGeometry.Dims - perDim.Length), .. perDim];

    /// <summary>"7×7": a spatial size as the books write it.</summary>
    public static string Cross(int[] sizes) => string.Join("×", sizes);

    /// <summary>The names of the spatial dims of an input: "L", "H, W" or "D, H, W".</summary>
    public static string SpatialNames(int dims) => dims switch { 1 => "L", 2 => "H, W", _ => "D, H, W" };

    /// <summary>The names of a kernel's dims: "kL", "kH, kW" or "kD, kH, kW".</summary>
    public static string KernelNames(int dims) => string.Join(", ", SpatialNames(dims).Split(", ").Select(n => "k" + n));
}
