namespace Sharpgrad.Kernels;

/// <summary>
/// The sizes of one convolution run by <see cref="WinogradConvolution"/>: a 2-D 3×3 map at stride 1 without dilation or
/// groups, cut into output tiles of 2×2, each read from a 4×4 window of the zero-padded image (Lavin and Gray 2016,
/// F(2×2, 3×3)). The tiles of a pass of whole images are multiplied together, so the pass's transformed input
/// [16, C, tiles] and products [16, O, tiles] stay within <see cref="PassElements"/> (or hold one image, where a single
/// image is larger).
/// </summary>
internal sealed class WinogradConvPlan
{
    /// <summary>Positions of a transformed tile: the 4×4 window, ξ·4 + ν.</summary>
    public const int Positions = 16;

    /// <summary>
    /// The most elements of the transformed input and the products of one pass together: 8 MB in float32. Both are
    /// written once and read once, so a pass larger than the caches costs little more than one inside them, but the
    /// scratch is kept between calls (<see cref="ConvScratch{T}"/>), and a batch of large images must not hold it all.
    /// </summary>
    public const int PassElements = 1 << 21;

    public ConvGeometry Geometry { get; }
    public int OutChannels { get; }

    /// <summary>Tiles down and across one image: the output rows and columns, halved and rounded up.</summary>
    public int TileRows { get; }
    public int TileColumns { get; }

    /// <summary>Tiles per image.</summary>
    public int Tiles => TileRows * TileColumns;

    /// <summary>
    /// The transforms' vector width, <see cref="System.Numerics.Vector{T}"/> for this element size: each half of a padded
    /// row holds whole vectors of windows plus one column, so the last vector's loads stay inside it.
    /// </summary>
    public int Lanes { get; }

    /// <summary>Rows of one padded plane: 2·tile rows + 2, the last tile's window.</summary>
    public int PaddedRows => 2 * TileRows + 2;

    /// <summary>
    /// Each padded row holds its even columns in [0, Half) and its odd ones in [Half, 2·Half) (<see cref="WinogradTransforms.InputRow"/>):
    /// the tile columns rounded up to whole vectors, plus one.
    /// </summary>
    public int Half => (TileColumns + Lanes - 1) / Lanes * Lanes + 1;

    /// <summary>Elements of one padded plane.</summary>
    public int Plane => PaddedRows * 2 * Half;

    /// <summary>Whole images per pass: as many as the pass bound (<see cref="PassElements"/>) admits, at least one.</summary>
    public int ImagesPerPass { get; }

    /// <summary>The most tiles of one pass.</summary>
    public int PassTiles => ImagesPerPass * Tiles;

    private WinogradConvPlan(ConvGeometry geometry, int outChannels, int elementSize, int passElements)
    {
        Geometry = geometry;
        OutChannels = outChannels;
        TileRows = (geometry.Output[1] + 1) / 2;
        TileColumns = (geometry.Output[2] + 1) / 2;
        Lanes = Math.Max(1, System.Numerics.Vector<byte>.Count / elementSize);
        long perImage = (long)Positions * (geometry.Channels + outChannels) * Tiles;
        ImagesPerPass = (int)Math.Clamp(passElements / Math.Max(1, perImage), 1, Math.Max(1, geometry.Batch));
    }

    /// <summary>
    /// Elements from one position's block of <paramref name="length"/> elements to the next in U, V and M: rounded up to
    /// a cache line, plus one line. The transforms read or write all 16 blocks at once; blocks a power of two apart
    /// (VGG-11's 512 × 512 blocks are 1 MB) fall into the same cache sets, 16 streams into 8 ways, and a perf profile of
    /// the 4×4 layer found the filter transform, 30 flops per filter, taking longer than the products.
    /// </summary>
    public static int PositionStride(int length, int elementSize)
    {
        int line = Math.Max(1, 64 / elementSize);
        return (length + line - 1) / line * line + line;
    }

    /// <summary>Elements between the position blocks of a pass's transformed inputs, C per tile, for <paramref name="tiles"/> tiles.</summary>
    public int InputStride(int tiles, int elementSize) => PositionStride(Geometry.Channels * tiles, elementSize);

    /// <summary>Elements between the position blocks of a pass's transformed outputs, O per tile, for <paramref name="tiles"/> tiles.</summary>
    public int OutputStride(int tiles, int elementSize) => PositionStride(OutChannels * tiles, elementSize);

    /// <summary>The images and tiles of the pass that starts at image <paramref name="first"/>.</summary>
    public (int Images, int Tiles) Pass(int first)
    {
        int images = Math.Min(ImagesPerPass, Geometry.Batch - first);
        return (images, images * Tiles);
    }

    /// <summary>Throws unless the transforms' vectors of <paramref name="type"/>, <paramref name="lanes"/> wide, are the ones this plan was made for.</summary>
    public void RequireLanes(int lanes, string type)
    {
        if (lanes != Lanes)
            throw new ArgumentException($"WinogradConvolution: the plan was made for {Lanes} lanes, but Vector<{type}> holds {lanes}.");
    }

    /// <summary>
    /// The plan of a map the F(2×2, 3×3) algorithm computes: 2-D (depth 1), a 3×3 kernel, stride and dilation 1,
    /// one group, padding not negative, and channels both ways (a map without any has no products to make); else null.
    /// <paramref name="passElements"/>: the bound on a pass's transformed
    /// input and products (tests make several passes of small problems).
    /// </summary>
    public static WinogradConvPlan? TryCreate(ConvGeometry geometry, int groups, int outChannels, int elementSize, int passElements = PassElements)
    {
        var g = geometry;
        bool fits = groups == 1 && g.Input[0] == 1 && g.Output[0] == 1 && g.Kernel[0] == 1 && g.Kernel[1] == 3 && g.Kernel[2] == 3
            && g.Stride[1] == 1 && g.Stride[2] == 1 && g.Dilation[1] == 1 && g.Dilation[2] == 1
            && g.PadBefore[0] == 0 && g.PadBefore[1] >= 0 && g.PadBefore[2] >= 0 && g.Channels > 0 && outChannels > 0;
        return fits ? new WinogradConvPlan(geometry, outChannels, elementSize, passElements) : null;
    }
}
