namespace Sharpgrad.Kernels;

/// <summary>
/// How <see cref="DirectConvolution"/> reads a stride-1 convolution: each image zero-padded into a buffer of the
/// windows' reach, and the output computed on the buffer's grid rather than the output's. Output position
/// (od, oh, ow) is <em>extended position</em> j = (od·B₁ + oh)·B₂ + ow, B the buffer's sizes, and at stride 1 tap
/// (c, kd, kh, kw) of extended position j reads buffer element c·plane + (kd·dil·B₁ + kh·dil)·B₂ + kw·dil + j. So a
/// run of adjacent extended positions reads a run of adjacent buffer elements for every tap: a tile of positions loads
/// whole vectors of the image in place, for any row width, with no im2col. The price is the extended positions that are
/// no output (ow ≥ Ow at the end of each buffer row, and the rows past Oh in 3-D), computed and dropped:
/// <see cref="Fill"/>. Where an output row is 1, 2 or 4 whole vectors, a tile takes whole rows instead, its vectors a
/// buffer row apart (<see cref="RowAligned"/>), and no lane is dropped.
/// </summary>
/// <remarks>
/// im2col (Chellapilla et al. 2006) copies every window into a column matrix to make the reads contiguous; oneDNN's
/// direct convolutions get contiguous reads from a blocked layout (nChw16c) instead. Here the layout stays NCHW and
/// only the image is copied, padded, once per call.
/// Work is cut into <see cref="ChunkCount"/> chunks of (image, output-channel blocks, tiles) fixed by the problem alone,
/// and each output is summed by one tile in one order, so the bits do not depend on the thread count.
/// </remarks>
internal sealed class DirectConvPlan : ConvGroupPlan
{
    /// <summary>Output channels of one tile: the kernel's rows (<see cref="DirectConvKernel.Rows"/>).</summary>
    public const int Rows = DirectConvKernel.Rows;

    /// <summary>
    /// Multiply-adds per parallel chunk: about 35 µs on one Zen 4 core at its float32 rate (16 multiply-adds a cycle at
    /// 3.7 GHz; twice that in float64), so a ResNet-18 layer at batch 1 (58–116 M) splits into dozens of chunks for the
    /// threads to share, and handing a chunk over stays negligible.
    /// </summary>
    private const long ChunkWork = 1L << 21;

    /// <summary>
    /// Bytes of padded images held at once: the batch is padded and convolved a pass of whole images at a time, so that
    /// the scratch stays within <see cref="ConvScratch{T}"/>'s kept size at any batch (VGG-11's 128-channel 32×32
    /// gradient at batch 32 would pad to 19 MB).
    /// </summary>
    private const long PassBytes = 4 << 20;

    /// <summary>
    /// The plan where the direct kernels exist (every stride 1, a kernel of more than one tap, channels in and out),
    /// else null; <paramref name="passBytes"/> other than <see cref="PassBytes"/> only in tests, to split small batches
    /// into passes.
    /// </summary>
    public static DirectConvPlan? TryCreate(ConvGeometry geometry, int groups, int outChannels, int elementSize, SimdPath path,
        long passBytes = PassBytes)
        => geometry.Stride.All(s => s == 1) && geometry.KernelVolume > 1 && geometry.Channels > 0 && outChannels > 0
            ? new DirectConvPlan(geometry, groups, outChannels, elementSize, path, passBytes) : null;

    private DirectConvPlan(ConvGeometry geometry, int groups, int outChannels, int elementSize, SimdPath path, long passBytes)
        : base(geometry, groups, outChannels)
    {
        var g = geometry;
        Path = path;
        (Lanes, Vectors) = path switch
        {
            SimdPath.Vector512 => (64 / elementSize, 4),
            SimdPath.Vector256 => (32 / elementSize, 2),
            SimdPath.Vector128 => (16 / elementSize, 2),
            _ => (1, 2),
        };
        // The buffer spans what the windows reach at stride 1: out − 1 + (k − 1)·dilation + 1 along each dim.
        Buffer = new int[ConvGeometry.Dims];
        for (int d = 0; d < ConvGeometry.Dims; d++) Buffer[d] = g.Output[d] + (g.Kernel[d] - 1) * g.Dilation[d];
        Plane = Buffer[0] * Buffer[1] * Buffer[2];
        ExtendedLength = ((g.Output[0] - 1) * Buffer[1] + g.Output[1] - 1) * Buffer[2] + g.Output[2];
        ExtendedVectors = (ExtendedLength + Lanes - 1) / Lanes;
        // Rows of whole vectors (a 2-D output Ow = 1, 2 or 4 vectors wide, dividing a tile): each tile takes whole output
        // rows, its vectors a buffer row apart, so no lane falls on the columns past Ow. VGG's 16×16 maps in float32 on
        // AVX-512 fill every lane instead of 16 of each 18.
        int perRow = g.Output[2] / Lanes;
        RowAligned = g.Output[0] == 1 && g.Output[2] % Lanes == 0 && perRow > 0 && Vectors % perRow == 0 && Buffer[2] > g.Output[2];
        VectorOffsets = new int[Vectors];
        for (int v = 0; v < Vectors; v++) VectorOffsets[v] = RowAligned ? v / perRow * Buffer[2] + v % perRow * Lanes : v * Lanes;
        int computed = RowAligned ? g.OutputVolume / Lanes : ExtendedVectors;
        Tiles = (computed + Vectors - 1) / Vectors;
        OcBlocks = (GroupOutChannels + Rows - 1) / Rows;
        Fill = g.OutputVolume / (double)(computed * Lanes) * GroupOutChannels / (OcBlocks * Rows);
        ComputedVectors = computed;

        // One entry per (channel, kd, kh) of a group: where its taps' row starts in the buffer; kw runs along it.
        var tapRows = new int[GroupChannels * g.Kernel[0] * g.Kernel[1]];
        int i = 0;
        for (int c = 0; c < GroupChannels; c++)
            for (int kd = 0; kd < g.Kernel[0]; kd++)
                for (int kh = 0; kh < g.Kernel[1]; kh++)
                    tapRows[i++] = c * Plane + (kd * g.Dilation[0] * Buffer[1] + kh * g.Dilation[1]) * Buffer[2];
        TapRows = tapRows;
        (Runs, RunStarts) = OutputRuns();

        // Chunks: the larger operand's dimension outside, so that each thread reads its own part of it: tiles of
        // positions where the image outweighs the weights (ResNet-18's 56×56 maps), output-channel blocks where the
        // weights do (its 512-channel 7×7 maps).
        long tileWork = (long)Rows * GroupRows * Vectors * Lanes;
        int blocks = groups * OcBlocks;
        TilesOutside = (long)g.Channels * Plane >= (long)outChannels * GroupRows;
        if (TilesOutside)
        {
            BlocksPerChunk = blocks;
            TilesPerChunk = (int)Math.Clamp(ChunkWork / Math.Max(1, tileWork * blocks), 1, Tiles);
        }
        else
        {
            TilesPerChunk = Tiles;
            BlocksPerChunk = (int)Math.Clamp(ChunkWork / Math.Max(1, tileWork * Tiles), 1, blocks);
        }
        TileChunks = (Tiles + TilesPerChunk - 1) / TilesPerChunk;
        BlockChunks = (blocks + BlocksPerChunk - 1) / BlocksPerChunk;
        ChunksPerImage = TileChunks * BlockChunks;
        ImagesPerPass = (int)Math.Clamp(passBytes / elementSize / Math.Max(1L, (long)g.Channels * Plane), 1, Math.Max(1, g.Batch));
    }

    /// <summary>The SIMD path the plan's tiles are sized for (<see cref="DirectConvolution"/> runs that path).</summary>
    public SimdPath Path { get; }

    /// <summary>Elements per vector on <see cref="Path"/>.</summary>
    public int Lanes { get; }

    /// <summary>Vectors of positions per full tile: four on AVX-512 (24 accumulators of its 32 registers), else two.</summary>
    public int Vectors { get; }

    /// <summary>The padded image's sizes (depth, height, width).</summary>
    public int[] Buffer { get; }

    /// <summary>Elements of one channel of the buffer.</summary>
    public int Plane { get; }

    /// <summary>Extended positions from the first output to the last (inclusive).</summary>
    public int ExtendedLength { get; }

    /// <summary><see cref="ExtendedLength"/> in whole vectors: what the tiles compute.</summary>
    public int ExtendedVectors { get; }

    /// <summary>Tiles of <see cref="Vectors"/> vectors per image and group (the last may have fewer).</summary>
    public int Tiles { get; }

    /// <summary>Vectors the tiles compute per image and group: <see cref="ExtendedVectors"/>, or the output's own when <see cref="RowAligned"/>.</summary>
    public int ComputedVectors { get; }

    /// <summary>Whether each tile takes whole output rows of whole vectors (see the constructor), rather than a run of extended positions.</summary>
    public bool RowAligned { get; }

    /// <summary>Where each of a tile's vectors starts in the buffer, from the tile's start: adjacent, or a buffer row apart per output row.</summary>
    public int[] VectorOffsets { get; }

    /// <summary>Vectors of tile <paramref name="t"/> (the last tile may have fewer).</summary>
    public int TileVectors(int t) => Math.Min(Vectors, ComputedVectors - t * Vectors);

    /// <summary>Where tile <paramref name="t"/>'s first vector starts in a group's buffer, for tap offset 0.</summary>
    public int TileStart(int t) => RowAligned ? t * (Vectors / (Geometry.Output[2] / Lanes)) * Buffer[2] : t * Vectors * Lanes;

    /// <summary>Blocks of <see cref="Rows"/> output channels per group (the last may repeat its last channel).</summary>
    public int OcBlocks { get; }

    /// <summary>The fraction of computed lanes that are outputs: extended positions and repeated channels are the rest.</summary>
    public double Fill { get; }

    /// <summary>
    /// Buffer offset of each (channel, kd, kh) of a group's taps, ascending; the kernel width's taps follow along the
    /// row.
    /// </summary>
    public int[] TapRows { get; }

    /// <summary>Images padded and convolved together (<see cref="PassBytes"/>).</summary>
    public int ImagesPerPass { get; }

    /// <summary>
    /// Elements of a pass's padded images, with room for the last tile's reads past the last output (at least
    /// <see cref="ExtendedVectors"/>·lanes − <see cref="ExtendedLength"/>; whole tiles are reserved).
    /// </summary>
    public int PassLength => ImagesPerPass * Geometry.Channels * Plane + Math.Max(0, (ExtendedVectors + Vectors - 1) / Vectors * Vectors * Lanes - ExtendedLength);

    /// <summary>Whether a chunk is a range of tiles for every channel block (else a range of blocks for every tile).</summary>
    public bool TilesOutside { get; }

    public int TilesPerChunk { get; }

    public int BlocksPerChunk { get; }

    /// <summary>Ranges of tiles per image and group: the chunks along the positions.</summary>
    public int TileChunks { get; }

    /// <summary>Ranges of channel blocks (over all groups): the chunks along the output channels.</summary>
    public int BlockChunks { get; }

    public int ChunksPerImage { get; }

    /// <summary>Chunks of the whole batch (a pass of k images runs k·<see cref="ChunksPerImage"/> of them).</summary>
    public int ChunkCount => Geometry.Batch * ChunksPerImage;

    /// <summary>Chunk <paramref name="chunk"/>'s image (counted from the pass's first) and its ranges of channel blocks (over all groups) and tiles.</summary>
    public (int Image, int FirstBlock, int EndBlock, int FirstTile, int EndTile) Chunk(int chunk)
    {
        int image = chunk / ChunksPerImage, within = chunk % ChunksPerImage;
        int tileChunk = TilesOutside ? within / BlockChunks : within % TileChunks;
        int blockChunk = TilesOutside ? within % BlockChunks : within / TileChunks;
        int firstBlock = blockChunk * BlocksPerChunk, firstTile = tileChunk * TilesPerChunk;
        return (image, firstBlock, Math.Min(Groups * OcBlocks, firstBlock + BlocksPerChunk), firstTile, Math.Min(Tiles, firstTile + TilesPerChunk));
    }

    /// <summary>
    /// Per tile, the runs of its lanes that are outputs: (lane within the tile, output position, length), in
    /// <see cref="RunStarts"/>[t] up to RunStarts[t + 1] of <see cref="Runs"/>.
    /// </summary>
    public (int Lane, int Position, int Length)[] Runs { get; }

    public int[] RunStarts { get; }

    private ((int, int, int)[] Runs, int[] Starts) OutputRuns()
    {
        var g = Geometry;
        int tileLength = Vectors * Lanes;
        var runs = new List<(int, int, int)>();
        var starts = new int[Tiles + 1];
        for (int t = 0; t < Tiles; t++)
        {
            starts[t] = runs.Count;
            if (RowAligned)
            {
                // The tile's vectors are whole output rows in order: one run.
                runs.Add((0, t * tileLength, TileVectors(t) * Lanes));
                continue;
            }
            int j = t * tileLength, end = Math.Min(ExtendedLength, j + tileLength);
            while (j < end)
            {
                int ow = j % Buffer[2], rest = j / Buffer[2], oh = rest % Buffer[1], od = rest / Buffer[1];
                int length = Math.Min(Buffer[2] - ow, end - j);
                if (ow < g.Output[2] && oh < g.Output[1] && od < g.Output[0])
                    runs.Add((j - t * tileLength, (od * g.Output[1] + oh) * g.Output[2] + ow, Math.Min(length, g.Output[2] - ow)));
                j += length;
            }
        }
        starts[Tiles] = runs.Count;
        return ([.. runs], starts);
    }
}
