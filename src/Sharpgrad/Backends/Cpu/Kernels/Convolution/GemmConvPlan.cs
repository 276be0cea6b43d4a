namespace Sharpgrad.Kernels;

/// <summary>
/// How <see cref="GemmConvolution"/> cuts one convolution: the channel counts of a group, tiles of its column matrix
/// and <see cref="ImageChunks"/>. A tile is a block of output rows of one image (a tile of one image's column matrix,
/// [C·K, rows·W], is sized to stay in L2 between im2col and the GEMM that reads it), or, where one image has few
/// output positions, several whole images side by side, so that the GEMM is wide enough to amortise packing the
/// weights. Every size here depends on the problem alone, never on the thread count.
/// </summary>
internal sealed class GemmConvPlan : ConvGroupPlan
{
    /// <summary>
    /// A column tile's size where that gives at least <see cref="TileColumns"/> positions: half of a Zen 4 core's 1 MB
    /// L2, leaving room for the GEMM's packed blocks.
    /// </summary>
    private const long TileBytes = 512 * 1024;

    /// <summary>
    /// The fewest columns (output positions) of a tile's product. Below it the GEMM packs the whole weight for a few
    /// strips of 32 columns: at 8×8 outputs (ResNet-20's last stage, VGG's 8×8 layers) one image's product is two
    /// strips, and packing the weight cost about as much as multiplying it (docs/performance.md, "Convolution at
    /// larger channel counts").
    /// </summary>
    private const int TileColumns = 256;

    /// <summary>
    /// The most bytes of a tile of several images (they are read from L3 by the GEMM's packing). 5 MB admits 16 images of
    /// a 512-channel 4×4 map (4.5 MB) and 4 of an 8×8 one (1.2 MB each), so VGG-11's batch of 32 cuts into 2 and 8 tiles,
    /// which two threads share evenly; at 4 MB they were 3 tiles of 11/11/10 (shared 2 : 1) and 11 of 3 (6 : 5).
    /// </summary>
    private const long ImagesTileBytes = 5 << 20;

    /// <summary>The plan of a convolution; <c>transposedProduct</c> forces the orientation of the forward's products with packed weights (tests), null chooses it by shape (<see cref="TransposedProduct"/>).</summary>
    public GemmConvPlan(ConvGeometry geometry, int groups, int outChannels, int elementSize, bool? transposedProduct = null)
        : this(geometry, groups, outChannels, elementSize, ImagesPerTileFor(geometry, elementSize), transposedProduct)
    {
    }

    private GemmConvPlan(ConvGeometry geometry, int groups, int outChannels, int elementSize, int imagesPerTile, bool? transposedProduct)
        : base(geometry, groups, outChannels, imagesPerTile)
    {
        Pointwise = geometry.IsPointwise;
        ReadsPadding = geometry.ReadsPadding;
        ImagesPerTile = imagesPerTile;

        // A pointwise convolution reads its image in place: no column tile to keep small.
        long rowBytes = Math.Max(1, (long)geometry.Rows * geometry.Output[2] * elementSize);   // an empty input row (transposed conv of size 0) reads nothing
        // At least TileColumns positions, even past TileBytes: with 256 channels a 16×16 map's L2-sized tiles were three
        // rows (48 columns) wide, and the thin products ran at 0.6–0.7 of the wide ones' rate (docs/performance.md).
        // But no more than ImagesTileBytes for that, like a tile of several images: a 3-D convolution with 512 channels,
        // a 3×3×3 kernel and 4-wide float64 rows would otherwise take a 28 MB tile, past what ConvScratch keeps.
        long wideRows = (TileColumns + geometry.Output[2] - 1) / Math.Max(1, geometry.Output[2]);
        long rows = Math.Max(TileBytes / rowBytes, Math.Min(wideRows, ImagesTileBytes / rowBytes));
        RowsPerTile = Pointwise || imagesPerTile > 1 ? geometry.OutputRows : (int)Math.Clamp(rows, 1, geometry.OutputRows);
        bool severalTiles = geometry.Batch > imagesPerTile || RowsPerTile < geometry.OutputRows;
        // A group's weights of at most Gemm.InPlaceBytes are not packed ahead: the GEMM reads them in place. An empty
        // batch has no tiles at all, however the rows would be cut.
        PacksWeightsOnce = geometry.Batch > 0 && severalTiles && (long)GroupOutChannels * GroupRows * elementSize > Gemm.InPlaceBytes;
        TransposedProduct = !Pointwise && (transposedProduct ?? ProductOrientation.TransposedWastesLess(TileWidths(), GroupOutChannels, elementSize));
    }

    /// <summary>
    /// Whether the forward's products with packed weights (ahead, or once for the call) multiply the transposed product
    /// yᵀ [positions, O/G] = colsᵀ·Wᵀ, the positions as the GEMM's rows in strips of 6 and the output channels as its
    /// columns in strips of nr, rather than y [O/G, positions] = W·cols: chosen by the padding each wastes
    /// (<see cref="ProductOrientation"/>). Either multiplies the same pairs in the same order, so the choice changes no
    /// bit of the result. A pointwise convolution multiplies its image in place and keeps W·cols.
    /// </summary>
    public bool TransposedProduct { get; }

    /// <summary>The column counts of one image's (or image group's) tiles, each with how many tiles of the batch have it.</summary>
    private IEnumerable<(int Width, long Count)> TileWidths()
    {
        var g = Geometry;
        if (ImagesPerTile > 1)
        {
            yield return (ImagesPerTile * g.OutputVolume, g.Batch / ImagesPerTile);
            if (g.Batch % ImagesPerTile > 0) yield return (g.Batch % ImagesPerTile * g.OutputVolume, 1);
            yield break;
        }
        yield return (RowsPerTile * g.Output[2], (long)g.Batch * (g.OutputRows / RowsPerTile));
        if (g.OutputRows % RowsPerTile > 0) yield return (g.OutputRows % RowsPerTile * g.Output[2], g.Batch);
    }

    /// <summary>
    /// Whether a call without weights packed by its caller packs each group's weights (or, for the adjoint, their
    /// transpose) once for all its tiles (<see cref="PackedConvWeights{T}"/>): it has several tiles, each of whose GEMMs
    /// would pack the whole weight again. In a training step the weights change every step, so nothing packs them
    /// ahead; VGG-11's backward spent 4% of its samples re-packing Wᵀ per tile (docs/performance.md, branch cnnstep2).
    /// Packing moves no value and changes no order of summation, so the choice never changes a bit of the result.
    /// </summary>
    public bool PacksWeightsOnce { get; }

    /// <summary>The image is its own column matrix (<see cref="ConvGeometry.IsPointwise"/>): no im2col, no col2im.</summary>
    public bool Pointwise { get; }

    /// <summary>Some column entries read padding, so a reused column tile must be zeroed before im2col fills it.</summary>
    public bool ReadsPadding { get; }

    /// <summary>Output rows per tile of one image (all of them when a tile holds several images).</summary>
    public int RowsPerTile { get; }

    /// <summary>Whole images per tile: 1, or enough for <see cref="TileColumns"/> output positions when an image has fewer.</summary>
    public int ImagesPerTile { get; }

    private static int ImagesPerTileFor(ConvGeometry g, int elementSize)
    {
        int positions = g.OutputVolume;
        if (g.IsPointwise || positions == 0 || positions >= TileColumns || g.Batch < 2) return 1;
        long imageBytes = Math.Max(1, (long)g.Rows * positions * elementSize);
        long wanted = Math.Min((TileColumns + positions - 1) / positions, Math.Max(1, ImagesTileBytes / imageBytes));
        return (int)Math.Clamp(wanted, 1, g.Batch);
    }
}
