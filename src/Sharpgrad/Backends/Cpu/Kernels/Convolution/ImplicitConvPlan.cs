using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// How <see cref="ImplicitGemmConvolution"/> reads one convolution: the image as a zero-padded buffer (or in place
/// when it needs no padding), and the offset tables that make its column matrix without building it — column entry
/// (tap p, position l) of channel group g is buffer element g·(C/G)·plane + <see cref="Taps"/>[p] +
/// <see cref="Positions"/>[l] — with the orientation of the forward tile and the <see cref="ImageChunks"/>.
/// </summary>
internal sealed class ImplicitConvPlan : ConvGroupPlan
{
    /// <param name="wide">whether the tiles over positions and taps take two channel blocks at once; null: <see cref="ImplicitGemmKernel.Wide"/></param>
    public ImplicitConvPlan(ConvGeometry geometry, int groups, int outChannels, int lanes, bool? byWidth = null, bool? wide = null)
        : base(geometry, groups, outChannels)
    {
        var g = geometry;
        Lanes = lanes;
        Wide = wide ?? ImplicitGemmKernel.Wide;
        PaddedOutChannels = (GroupOutChannels + Block - 1) / Block * Block;

        // How much of each tiling's tile does useful work: rows and lanes past the problem's edge repeat or pad it.
        int og = GroupOutChannels, width = g.Output[2];
        WidthStarts = g.Stride[2] == 1 && width >= lanes ? Starts(width, lanes) : [];
        double byPosition = Fill(g.OutputVolume, Rows) * Fill(og, Block);
        double byWidthFill = WidthStarts.Length == 0 ? 0 : Fill(og, Rows) * width / (WidthStarts.Length / 2 * (double)Block);
        ByWidth = WidthStarts.Length > 0 && (byWidth ?? byWidthFill > byPosition);
        ForwardFill = ByWidth ? byWidthFill : byPosition;
        PaddedWidth = (width + lanes - 1) / lanes * lanes;
        double byTaps = Fill(GroupRows, Rows) * Fill(og, Block);
        double byRows = g.Stride[2] != 1 ? 0 : Fill(og, Rows) * Fill(GroupRows, ImplicitGemmKernel.Vectors) * width / PaddedWidth;
        GradientByWidth = g.Stride[2] == 1 && (byWidth ?? byRows > byTaps);
        GradientFill = GradientByWidth ? byRows : byTaps;

        // The buffer spans what the windows reach: (out − 1)·stride + (k − 1)·dilation + 1 along each dim, and for the
        // weight gradient by rows whole vectors of positions past each row's end, which must read zeros.
        var reach = new int[ConvGeometry.Dims];
        for (int d = 0; d < ConvGeometry.Dims; d++) reach[d] = (g.Output[d] - 1) * g.Stride[d] + (g.Kernel[d] - 1) * g.Dilation[d] + 1;
        if (GradientByWidth) reach[2] = Math.Max(reach[2], PaddedWidth + (g.Kernel[2] - 1) * g.Dilation[2]);
        InPlace = g.PadBefore.All(p => p == 0) && g.Input[0] >= reach[0] && g.Input[1] >= reach[1]
            && (GradientByWidth ? g.Input[2] == reach[2] : g.Input[2] >= reach[2]);
        Buffer = InPlace ? g.Input : reach;
        Plane = Buffer[0] * Buffer[1] * Buffer[2];

        var taps = new int[GroupRows];
        int p = 0;
        for (int c = 0; c < GroupChannels; c++)
            for (int kd = 0; kd < g.Kernel[0]; kd++)
                for (int kh = 0; kh < g.Kernel[1]; kh++)
                    for (int kw = 0; kw < g.Kernel[2]; kw++)
                        taps[p++] = c * Plane + Offset(kd * g.Dilation[0], kh * g.Dilation[1], kw * g.Dilation[2]);
        var positions = new int[g.OutputVolume];
        int l = 0;
        for (int od = 0; od < g.Output[0]; od++)
            for (int oh = 0; oh < g.Output[1]; oh++)
                for (int ow = 0; ow < width; ow++)
                    positions[l++] = Offset(od * g.Stride[0], oh * g.Stride[1], ow * g.Stride[2]);
        Taps = new OffsetTable(taps);
        Positions = new OffsetTable(positions);
        RowTaps = ByWidth ? InsideTaps(taps) : [];
        WeightRows = new OffsetTable(Enumerable.Range(0, GroupRows).Select(r => r * PaddedOutChannels).ToArray());
        GradientRows = new OffsetTable(Enumerable.Range(0, g.OutputVolume).Select(r => r * PaddedOutChannels).ToArray());

        // Vectors of positions along the output rows: where they start in a row-padded output gradient and in the buffer.
        int chunks = GradientByWidth ? PaddedWidth / lanes : 0;
        var gradientChunks = new int[g.OutputRows * chunks];
        var pixelChunks = new int[g.OutputRows * chunks];
        for (int row = 0, i = 0; row < g.OutputRows && chunks > 0; row++)
            for (int chunk = 0; chunk < chunks; chunk++, i++)
            {
                gradientChunks[i] = row * PaddedWidth + chunk * lanes;
                pixelChunks[i] = Offset(row / g.Output[1] * g.Stride[0], row % g.Output[1] * g.Stride[1], chunk * lanes);
            }
        GradientChunks = new OffsetTable(gradientChunks);
        PixelChunks = new OffsetTable(pixelChunks);
    }

    private (OffsetTable, OffsetTable)[] InsideTaps(int[] taps)
    {
        var g = Geometry;
        var tables = new Dictionary<(int, int, int, int), (OffsetTable, OffsetTable)>();
        var rows = new (OffsetTable, OffsetTable)[g.OutputRows];
        for (int row = 0; row < g.OutputRows; row++)
        {
            var (d0, d1) = g.InsideOutputTaps(0, row / g.Output[1]);
            var (h0, h1) = g.InsideOutputTaps(1, row % g.Output[1]);
            if (!tables.TryGetValue((d0, d1, h0, h1), out var table))
            {
                var inside = new List<int>();
                for (int p = 0; p < GroupRows; p++)
                {
                    int kd = p / (g.Kernel[1] * g.Kernel[2]) % g.Kernel[0], kh = p / g.Kernel[2] % g.Kernel[1];
                    if (kd >= d0 && kd < d1 && kh >= h0 && kh < h1) inside.Add(p);
                }
                table = (new OffsetTable([.. inside]), new OffsetTable([.. inside.Select(p => taps[p])]));
                tables.Add((d0, d1, h0, h1), table);
            }
            rows[row] = table;
        }
        return rows;
    }

    /// <summary>The fraction of <paramref name="unit"/>-sized tiles that <paramref name="used"/> items fill.</summary>
    private static double Fill(int used, int unit) => used / (double)((used + unit - 1) / unit * unit);

    private const int Rows = ImplicitGemmKernel.Rows;

    /// <summary>Elements per vector (<see cref="Vector{T}.Count"/>).</summary>
    public int Lanes { get; }

    /// <summary>
    /// Whether the tiles over positions and taps take two channel blocks at once where two remain
    /// (<see cref="ImplicitGemmKernel.RunWide{T}"/>): fixed when the plan is set up, by the CPU alone (or a test), never
    /// by the thread count; either way each output gets the same bits.
    /// </summary>
    public bool Wide { get; }

    /// <summary>Output channels covered by one tile's two vectors.</summary>
    public int Block => ImplicitGemmKernel.Vectors * Lanes;

    /// <summary>O/G rounded up to whole tiles: the row length of the transposed weights and output gradients.</summary>
    public int PaddedOutChannels { get; }

    /// <summary>The image needs no padding: the kernels read it where it is.</summary>
    public bool InPlace { get; }

    /// <summary>The buffer's sizes (depth, height, width): the padded extent, or the input's own when in place.</summary>
    public int[] Buffer { get; }

    /// <summary>Elements of one channel of the buffer.</summary>
    public int Plane { get; }

    /// <summary>Offset of tap p = (c, kd, kh, kw) of a group in the buffer: c·plane + the tap's dilated displacement.</summary>
    public OffsetTable Taps { get; }

    /// <summary>Offset of output position l = (od, oh, ow) in the buffer: its window's corner.</summary>
    public OffsetTable Positions { get; }

    /// <summary>
    /// For the forward tiled by output rows, per output row (depth, height): the taps whose depth and height
    /// displacement lands inside the image, as steps along a weight row [O/G, (C/G)·K] and through the buffer. The
    /// others would multiply only padding, which is skipped (a third of the adjoint's work in LeNet-5's second layer,
    /// whose flipped convolution is padded by 4 on 10×10).
    /// </summary>
    public (OffsetTable Weights, OffsetTable Pixels)[] RowTaps { get; }

    /// <summary>p·<see cref="PaddedOutChannels"/>: steps down the transposed weights [(C/G)·K, O/G padded].</summary>
    public OffsetTable WeightRows { get; }

    /// <summary>l·<see cref="PaddedOutChannels"/>: steps down a transposed output gradient [L, O/G padded].</summary>
    public OffsetTable GradientRows { get; }

    /// <summary>
    /// The forward tile runs along output rows (six output channels × two vectors of adjacent positions; needs stride
    /// 1 along the width and rows of at least one vector) rather than over positions (six positions × two vectors of
    /// output channels): chosen when it needs fewer tile steps, i.e. for few output channels on wide rows, unless
    /// the constructor's <c>byWidth</c> forces it either way (where possible).
    /// </summary>
    public bool ByWidth { get; }

    /// <summary>The fraction of the forward tiles' lanes that compute outputs (the rest repeat or pad).</summary>
    public double ForwardFill { get; }

    /// <summary>
    /// The weight gradient's tile runs along output rows (six output channels × two taps, each a vector of positions
    /// summed lane by lane and across lanes at the end; needs stride 1 along the width) rather than over taps (six
    /// taps × two vectors of output channels, positions as the depth): chosen when more of its lanes do useful work,
    /// i.e. for few output channels, unless the constructor's <c>byWidth</c> forces it either way (where possible).
    /// </summary>
    public bool GradientByWidth { get; }

    /// <summary>The fraction of the weight gradient tiles' lanes that do useful work.</summary>
    public double GradientFill { get; }

    /// <summary>The output width rounded up to whole vectors: the row length of the row-padded output gradient.</summary>
    public int PaddedWidth { get; }

    /// <summary>Where each vector of positions starts in the row-padded output gradient [O/G, rows, padded width].</summary>
    public OffsetTable GradientChunks { get; }

    /// <summary>Where each vector of positions' windows start in the buffer (for tap 0).</summary>
    public OffsetTable PixelChunks { get; }

    /// <summary>
    /// Pairs of vector starts covering an output row of the width: 0, V, 2V, ..., the last pair ending at the row's
    /// end and overlapping the one before (recomputing a stored value rewrites the same bits).
    /// </summary>
    public int[] WidthStarts { get; }

    /// <summary>The buffer offset of a displacement (d, h, w).</summary>
    public int Offset(int d, int h, int w) => (d * Buffer[1] + h) * Buffer[2] + w;

    private static int[] Starts(int width, int lanes)
    {
        var starts = new List<int>();
        for (int a = 0; a + 2 * lanes <= width; a += 2 * lanes) starts.AddRange([a, a + lanes]);
        if (width % (2 * lanes) != 0)
            starts.AddRange(width >= 2 * lanes ? [width - 2 * lanes, width - lanes] : [0, width - lanes]);
        return [.. starts];
    }
}
