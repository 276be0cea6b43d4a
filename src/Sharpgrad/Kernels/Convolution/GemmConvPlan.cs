namespace Sharpgrad.Kernels;

/// <summary>
/// How <see cref="GemmConvolution"/> cuts one convolution: the channel counts of a group, tiles of output rows (a
/// tile of one image's column matrix, [C·K, rows·W], is sized to stay in L2 between im2col and the GEMM that reads
/// it) and <see cref="ImageChunks"/>. Every size here depends on the problem alone, never on the thread count.
/// </summary>
internal sealed class GemmConvPlan
{
    /// <summary>A column tile's size: half of a Zen 4 core's 1 MB L2, leaving room for the GEMM's packed blocks.</summary>
    private const long TileBytes = 512 * 1024;

    public GemmConvPlan(ConvGeometry geometry, int groups, int outChannels, int elementSize)
    {
        Geometry = geometry;
        Groups = groups;
        OutChannels = outChannels;
        GroupChannels = geometry.Channels / groups;
        GroupOutChannels = outChannels / groups;
        GroupRows = GroupChannels * geometry.KernelVolume;
        Pointwise = geometry.IsPointwise;
        ReadsPadding = geometry.ReadsPadding;

        // A pointwise convolution reads its image in place: no column tile to keep small.
        long rowBytes = Math.Max(1, (long)geometry.Rows * geometry.Output[2] * elementSize);   // an empty input row (transposed conv of size 0) reads nothing
        RowsPerTile = Pointwise ? geometry.OutputRows : (int)Math.Clamp(TileBytes / rowBytes, 1, geometry.OutputRows);

        Chunks = ImageChunks.Create(geometry.Batch, (long)outChannels * GroupRows * geometry.OutputVolume, (long)outChannels * GroupRows);
    }

    public ConvGeometry Geometry { get; }

    public int Groups { get; }

    /// <summary>O: channels of the convolution's output (C, the input's, is <see cref="ConvGeometry.Channels"/>).</summary>
    public int OutChannels { get; }

    /// <summary>C/G: input channels per group.</summary>
    public int GroupChannels { get; }

    /// <summary>O/G: output channels per group.</summary>
    public int GroupOutChannels { get; }

    /// <summary>(C/G)·K: rows of a group's block of the column matrix, columns of its block of the weight [O/G, (C/G)·K].</summary>
    public int GroupRows { get; }

    /// <summary>The image is its own column matrix (<see cref="ConvGeometry.IsPointwise"/>): no im2col, no col2im.</summary>
    public bool Pointwise { get; }

    /// <summary>Some column entries read padding, so a reused column tile must be zeroed before im2col fills it.</summary>
    public bool ReadsPadding { get; }

    public int RowsPerTile { get; }

    public ImageChunks Chunks { get; }
}
