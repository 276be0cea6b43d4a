namespace Sharpgrad.Kernels;

/// <summary>
/// How <see cref="GemmConvolution"/> cuts one convolution: the channel counts of a group, tiles of output rows (a
/// tile of one image's column matrix, [C·K, rows·W], is sized to stay in L2 between im2col and the GEMM that reads
/// it) and <see cref="ImageChunks"/>. Every size here depends on the problem alone, never on the thread count.
/// </summary>
internal sealed class GemmConvPlan : ConvGroupPlan
{
    /// <summary>A column tile's size: half of a Zen 4 core's 1 MB L2, leaving room for the GEMM's packed blocks.</summary>
    private const long TileBytes = 512 * 1024;

    public GemmConvPlan(ConvGeometry geometry, int groups, int outChannels, int elementSize)
        : base(geometry, groups, outChannels)
    {
        Pointwise = geometry.IsPointwise;
        ReadsPadding = geometry.ReadsPadding;

        // A pointwise convolution reads its image in place: no column tile to keep small.
        long rowBytes = Math.Max(1, (long)geometry.Rows * geometry.Output[2] * elementSize);   // an empty input row (transposed conv of size 0) reads nothing
        RowsPerTile = Pointwise ? geometry.OutputRows : (int)Math.Clamp(TileBytes / rowBytes, 1, geometry.OutputRows);
    }

    /// <summary>The image is its own column matrix (<see cref="ConvGeometry.IsPointwise"/>): no im2col, no col2im.</summary>
    public bool Pointwise { get; }

    /// <summary>Some column entries read padding, so a reused column tile must be zeroed before im2col fills it.</summary>
    public bool ReadsPadding { get; }

    public int RowsPerTile { get; }
}
