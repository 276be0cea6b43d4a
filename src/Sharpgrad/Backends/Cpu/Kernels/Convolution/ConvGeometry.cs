namespace Sharpgrad.Kernels;

/// <summary>
/// The index map of a convolution over three spatial dims (depth, height, width; 1-D and 2-D convolutions use
/// size-1 leading dims): kernel tap k of output position o reads input position o·stride − padBefore + k·dilation
/// along each dim, and a position outside the input reads zero (GBC §9.5, eq. 9.8 with stride, zero padding and
/// dilation). The output sizes are given, not derived, so asymmetric padding ("same" with an even kernel) and the
/// extra rows of a transposed convolution's output padding need no special case.
/// </summary>
/// <remarks>
/// The column matrix of <see cref="Im2Col"/> has one row per (channel, tap) and one column per (image, output
/// position): [Channels·KernelVolume, Batch·OutputVolume]. A convolution is then one matrix product per group.
/// </remarks>
internal sealed record ConvGeometry(
    int Batch, int Channels, int[] Input, int[] Kernel, int[] Stride, int[] PadBefore, int[] Dilation, int[] Output)
{
    public const int Dims = 3;

    public int InputVolume => Input[0] * Input[1] * Input[2];
    public int KernelVolume => Kernel[0] * Kernel[1] * Kernel[2];
    public int OutputVolume => Output[0] * Output[1] * Output[2];

    /// <summary>Rows of the column matrix: one per (channel, kernel tap).</summary>
    public int Rows => Channels * KernelVolume;

    /// <summary>Columns of the column matrix: one per (image, output position).</summary>
    public int Columns => Batch * OutputVolume;

    /// <summary>
    /// Output rows: runs of <c>Output[2]</c> positions along the innermost dim, one per (depth, height) position. A
    /// tile of the column matrix is a block of whole rows, so that it is a plain range of output positions.
    /// </summary>
    public int OutputRows => Output[0] * Output[1];

    /// <summary>Whether some tap of some output position falls outside the input (into the zero padding).</summary>
    public bool ReadsPadding
    {
        get
        {
            for (int d = 0; d < Dims; d++)
                for (int tap = 0; tap < Kernel[d]; tap++)
                    if (InsideOutputs(d, tap) != (0, Output[d])) return true;
            return false;
        }
    }

    /// <summary>
    /// A 1×1 kernel at stride 1 without padding: output position o reads input position o, so an image [C, L] is
    /// its own column matrix and im2col is the identity.
    /// </summary>
    public bool IsPointwise => KernelVolume == 1 && Stride.All(s => s == 1) && PadBefore.All(p => p == 0) && Output.SequenceEqual(Input);

    /// <summary>
    /// The output positions [Begin, End) along <paramref name="dim"/> whose tap <paramref name="tap"/> falls inside
    /// the input; the others read padding. Input position i = o·s + offset with offset = tap·dilation − padBefore.
    /// </summary>
    public (int Begin, int End) InsideOutputs(int dim, int tap)
    {
        int s = Stride[dim], offset = tap * Dilation[dim] - PadBefore[dim], last = Input[dim] - 1 - offset;
        if (last < 0) return (0, 0);
        int begin = offset >= 0 ? 0 : (-offset + s - 1) / s;
        int end = Math.Min(Output[dim], last / s + 1);
        return (Math.Min(begin, end), end);
    }

    /// <summary>The taps [Begin, End) along <paramref name="dim"/> that output position <paramref name="o"/> reads inside the input.</summary>
    public (int Begin, int End) InsideOutputTaps(int dim, int o)
    {
        int begin = 0, end = Kernel[dim];
        while (begin < end && InputPosition(dim, o, begin) < 0) begin++;
        while (end > begin && InputPosition(dim, o, end - 1) >= Input[dim]) end--;
        return (begin, end);
    }

    /// <summary>The input position read by output position <paramref name="o"/> through tap <paramref name="tap"/>.</summary>
    public int InputPosition(int dim, int o, int tap) => o * Stride[dim] + tap * Dilation[dim] - PadBefore[dim];
}
