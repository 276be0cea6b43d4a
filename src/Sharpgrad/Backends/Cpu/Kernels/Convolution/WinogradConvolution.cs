using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// A 3×3 stride-1 convolution by the minimal filtering algorithm F(2×2, 3×3) (Lavin and Gray 2016; the transforms are
/// in <see cref="WinogradTransforms"/>): each 2×2 output tile is Aᵀ [Σ_c U[o, c] ⊙ V[c, tile]] A, with U = G g Gᵀ
/// the transformed filters and V = Bᵀ d B the transformed 4×4 input windows. For each of the 16 positions of the
/// transformed tile, the sum over channels is one matrix product M[pos] = U[pos]·V[pos], [O, C]·[C, tiles], run on
/// the blocked GEMM. Used for the forward map and for the adjoint (the flipped convolution's forward map; see
/// <see cref="ConvAlgorithm"/> for when).
/// </summary>
/// <remarks>
/// Why: the products take 16 multiply-adds per tile and channel pair where the direct form takes 36 (2.25× fewer), and
/// the transforms cost a few additions per input and output element. VGG-11's 512-channel 8×8 and 4×4 maps, where
/// im2col + GEMM reached about 100 GFLOP/s and oneDNN's direct kernels, which skip the taps that read padding, the FMA
/// peak (docs/performance.md, "Tenth session"), need this to be beaten on the same FMA units. The rounding differs from
/// the direct sum: each output is a signed sum of nine of the 16 positions' channel sums, whose terms are products of a
/// transformed filter value (a sum of up to nine weights) and a transformed input (a sum of up to four inputs); in
/// float32 the error came out about twice that of im2col + GEMM and under that of the direct kernels (measured in the
/// same section). Each element of M is computed by one GEMM in one order, and the transforms are elementwise, so the
/// bits do not depend on the thread count. The 16 products of a pass are shared out whole, so at most 16 threads work
/// on them, unevenly where 16 is not a multiple of the thread count (only 1 and 2 threads were measured).
/// </remarks>
internal static class WinogradConvolution
{
    /// <summary>The fewest elements of a plane loop (transforms of images or outputs) worth handing to another thread.</summary>
    private const int PlaneGrain = 1 << 14;

    /// <summary>The fewest filters of a filter-transform loop worth handing to another thread.</summary>
    private const int FilterGrain = 4096;

    /// <summary>
    /// y[n, o] = bias[o] + Σ_c W[o, c] ⋆ x[n, c] for dense x [N, C, H, W], W [O, C, 3, 3] and y [N, O, H', W']. With
    /// <paramref name="flipped"/>, the plan is an adjoint's flipped convolution and <paramref name="w"/> the weight
    /// [C, O, 3, 3] of the convolution it is the adjoint of, read turned around with its channel roles swapped
    /// (<see cref="ConvAlgorithm"/>'s flipped weights) without a copy.
    /// </summary>
    public static void Forward<T>(WinogradConvPlan plan, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset,
        bool flipped = false) where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int channels = g.Channels, outChannels = plan.OutChannels, size = Unsafe.SizeOf<T>();
        plan.RequireLanes(Vector<T>.Count, typeof(T).Name);
        if (g.Batch == 0) return;
        var filters = ConvScratch<T>.Rent();
        var u = TransformFilters(plan, w, wOffset, flipped, filters);
        // The output transform reads up to a vector past the last tile's products: a whole vector more, never stored.
        var buffers = new WinogradPassBuffers<T>(plan, outputSlack: plan.Lanes);
        var (v, m) = (buffers.Inputs, buffers.Outputs);
        for (int first = 0; first < g.Batch; first += plan.ImagesPerPass)
        {
            var (images, tiles) = plan.Pass(first);
            int vStride = plan.InputStride(tiles, size), mStride = plan.OutputStride(tiles, size);
            TransformInputs(plan, x, xOffset + first * channels * g.InputVolume, images, buffers.Padded, v, vStride);
            // M[pos] = U[pos]·V[pos]: 16 independent products, shared out whole between the threads.
            ParallelRange.ForChunks(WinogradConvPlan.Positions, pos => Gemm.Multiply(u[pos], tiles,
                new Gemm.Operand<T>(v, pos * vStride, tiles, 1), m, pos * mStride, tiles, accumulate: false));
            TransformOutputs(plan, m, tiles, mStride, bias, biasOffset, y, yOffset + first * outChannels * g.OutputVolume, images);
        }
        buffers.Return();
        ConvScratch<T>.Return(filters);
    }

    /// <summary>
    /// U [16][O, C]: each filter W[o, c] transformed (<see cref="WinogradTransforms.Filter"/>) straight into the strips
    /// the GEMM's micro-kernel reads (<see cref="GemmPackedA{T}"/>), so that no product packs it again: packing U
    /// inside the products took a third as long as the products themselves in a perf profile of VGG-11's 512-channel
    /// 8×8 layer (docs/performance.md, "Tenth session").
    /// </summary>
    private static GemmPackedA<T>[] TransformFilters<T>(WinogradConvPlan plan, T[] w, int wOffset, bool flipped, ConvScratch<T> scratch)
        where T : unmanaged, INumber<T>
    {
        int channels = plan.Geometry.Channels, outChannels = plan.OutChannels, width = GemmMicroKernel.Rows;
        int length = GemmPackedB<T>.Length(channels, outChannels, width), stride = WinogradConvPlan.PositionStride(length, Unsafe.SizeOf<T>());
        var u = scratch.Get(WinogradConvPlan.Positions * stride);
        // U[pos] as the GEMM's packed A: Uᵀ [C, O] in strips of the micro-kernel's rows.
        var strips = new GemmPackedB<T>[WinogradConvPlan.Positions];
        for (int pos = 0; pos < strips.Length; pos++)
            strips[pos] = GemmPackedB<T>.Over(u, pos * stride, channels, outChannels, SimdPaths.Selected, GemmBlocking.Default, width);
        // Strip by strip, channel by channel: each position's strip is then written front to back, and each of the
        // strip's filters read front to back.
        int stripCount = (outChannels + width - 1) / width;
        ParallelRange.For(stripCount, Math.Max(1, FilterGrain / Math.Max(1, width * channels)),
            (begin, end) => FilterStrips(w, wOffset, flipped, channels, outChannels, strips[0], u, stride, (int)begin, (int)end));
        return [.. strips.Select(GemmPackedA<T>.OfTransposedStrips)];
    }

    /// <summary>
    /// The filters of strips [<paramref name="begin"/>, <paramref name="end"/>) of U (<see cref="TransformFilters"/>),
    /// laid out as <paramref name="layout"/> says, each position <paramref name="stride"/> further on.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called once per call per thread: tiering would run it unoptimised for seconds
    private static void FilterStrips<T>(T[] w, int wOffset, bool flipped, int channels, int outChannels, GemmPackedB<T> layout, T[] u, int stride,
        int begin, int end) where T : unmanaged, INumber<T>
    {
        const int width = GemmMicroKernel.Rows;
        ref T weights = ref w[wOffset];
        ref T transformed = ref MemoryMarshal.GetArrayDataReference(u);
        for (int strip = begin; strip < end; strip++)
        {
            int rows = Math.Min(width, outChannels - strip * width);
            for (int c = 0; c < channels; c++)
            {
                var (start, stripStep) = layout.RowLayout(c);
                ref T to = ref Unsafe.Add(ref transformed, start + strip * stripStep);
                for (int r = 0; r < rows; r++)
                {
                    // W[o, c], or for the flipped convolution W[c, o] turned around: its last element first.
                    int o = strip * width + r;
                    nint filter = flipped ? ((nint)c * outChannels + o) * 9 + 8 : ((nint)o * channels + c) * 9;
                    WinogradTransforms.Filter(ref Unsafe.Add(ref weights, filter), flipped ? -1 : 1, ref Unsafe.Add(ref to, r), stride);
                }
            }
        }
    }

    /// <summary>
    /// V [16, C, tiles] for <paramref name="images"/> images from <paramref name="xOffset"/>, or with
    /// <paramref name="transposed"/> Vᵀ [16, tiles, C]: each channel zero-padded into <paramref name="padded"/> with its
    /// even and odd columns apart (<see cref="Pad"/>), then every 4×4 window two rows and two columns apart transformed;
    /// tile t = (image·tile rows + row)·tile columns + column.
    /// </summary>
    private static void TransformInputs<T>(WinogradConvPlan plan, T[] x, int xOffset, int images, T[] padded, T[] v, int stride, bool transposed = false)
        where T : unmanaged, INumber<T>
    {
        int tiles = images * plan.Tiles, channels = plan.Geometry.Channels;
        ParallelRange.For(images * channels, Math.Max(1, PlaneGrain / plan.Plane),
            (begin, end) => InputPlanes(plan, x, xOffset, tiles, padded, v, stride, transposed ? 1 : tiles, transposed ? channels : 1, (int)begin, (int)end));
    }

    /// <summary>Planes (image, channel) [<paramref name="begin"/>, <paramref name="end"/>) of <see cref="TransformInputs"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called once per call per thread: tiering would run it unoptimised for seconds
    private static void InputPlanes<T>(WinogradConvPlan plan, T[] x, int xOffset, int tiles, T[] padded, T[] v, int stride, int channelStep, int tileStep,
        int begin, int end) where T : unmanaged, INumber<T>
    {
        int channels = plan.Geometry.Channels, plane = plan.Plane, rowLength = 2 * plan.Half;
        ref T source = ref MemoryMarshal.GetArrayDataReference(padded);
        ref T target = ref MemoryMarshal.GetArrayDataReference(v);
        for (int p = begin; p < end; p++)
        {
            Pad(plan, x, xOffset + p * plan.Geometry.InputVolume, padded.AsSpan(p * plane, plane));
            int n = p / channels, c = p % channels;
            ref T to = ref Unsafe.Add(ref target, (nint)c * channelStep + (nint)n * plan.Tiles * tileStep);
            for (int row = 0; row < plan.TileRows; row++)
                WinogradTransforms.InputRow(ref Unsafe.Add(ref source, p * plane + 2 * row * rowLength), rowLength, plan.Half, plan.TileColumns,
                    ref Unsafe.Add(ref to, (nint)row * plan.TileColumns * tileStep), stride, tileStep);
        }
    }

    /// <summary>
    /// One channel [H, W] from <paramref name="from"/>, zero-padded by the geometry's padding before, into
    /// <paramref name="plane"/> [padded rows, 2·half]: padded column j at j/2 if even, half + j/2 if odd, zeros
    /// everywhere else (past the map and in each half's last lanes, which the transforms read and drop). Not
    /// <see cref="PaddedImage"/>, which copies rows as they are: here each row is dealt into its two halves.
    /// </summary>
    private static void Pad<T>(WinogradConvPlan plan, T[] x, int from, Span<T> plane) where T : unmanaged
    {
        var g = plan.Geometry;
        int height = g.Input[1], width = g.Input[2], top = g.PadBefore[1], left = g.PadBefore[2], half = plan.Half, rowLength = 2 * half;
        plane.Clear();
        int firstColumn = Math.Max(0, -left), endColumn = Math.Min(width, 2 * half - left);
        for (int ih = 0; ih < height; ih++)
        {
            int bh = ih + top;
            if (bh >= plan.PaddedRows) break;
            var row = plane.Slice(bh * rowLength, rowLength);
            var input = x.AsSpan(from + ih * width, width);
            for (int iw = firstColumn; iw < endColumn; iw++)
            {
                int bw = iw + left;
                row[(bw & 1) * half + (bw >> 1)] = input[iw];
            }
        }
    }

    /// <summary>
    /// y [images, O, H', W'] from the products M [16, O, tiles]: each tile transformed back
    /// (<see cref="WinogradTransforms.OutputRow"/>), the bias added, the outputs past the map's last row and column dropped.
    /// </summary>
    private static void TransformOutputs<T>(WinogradConvPlan plan, T[] m, int tiles, int stride, T[]? bias, int biasOffset, T[] y, int yOffset, int images)
        where T : unmanaged, INumber<T>
    {
        ParallelRange.For(images * plan.OutChannels, Math.Max(1, PlaneGrain / plan.Geometry.OutputVolume),
            (begin, end) => OutputPlanes(plan, m, tiles, stride, bias, biasOffset, y, yOffset, (int)begin, (int)end));
    }

    /// <summary>Planes (image, output channel) [<paramref name="begin"/>, <paramref name="end"/>) of <see cref="TransformOutputs"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // as InputPlanes
    private static void OutputPlanes<T>(WinogradConvPlan plan, T[] m, int tiles, int stride, T[]? bias, int biasOffset, T[] y, int yOffset, int begin, int end)
        where T : unmanaged, INumber<T>
    {
        int outChannels = plan.OutChannels, height = plan.Geometry.Output[1], width = plan.Geometry.Output[2], outputs = plan.Geometry.OutputVolume;
        ref T source = ref MemoryMarshal.GetArrayDataReference(m);
        for (int p = begin; p < end; p++)
        {
            int n = p / outChannels, o = p % outChannels;
            T b = bias is null ? T.Zero : bias[biasOffset + o];
            ref T from = ref Unsafe.Add(ref source, o * tiles + n * plan.Tiles);
            var map = y.AsSpan(yOffset + p * outputs, outputs);
            for (int row = 0; row < plan.TileRows; row++)
            {
                var top = map.Slice(2 * row * width, width);
                var bottom = 2 * row + 1 < height ? map.Slice((2 * row + 1) * width, width) : [];
                WinogradTransforms.OutputRow(ref Unsafe.Add(ref from, row * plan.TileColumns), stride, plan.TileColumns, b, top, bottom, width);
            }
        }
    }

    /// <summary>
    /// ∇W [O, C, 3, 3] of the forward map for x [N, C, H, W] and the output gradient dy [N, O, H', W'], overwriting
    /// <paramref name="gradient"/>: the adjoint of each step of <see cref="Forward"/> (Lavin and Gray 2016, §5). With
    /// dM = A dY Aᵀ the output gradient's transformed tiles, ∂L/∂U[pos] = Σ_t dM[pos, ·, t]·V[pos, ·, t]ᵀ, 16 products
    /// [O, tiles]·[tiles, C] over the tiles, summed pass after pass; then ∇W[o, c] = Gᵀ ∂L/∂U[o, c] G. Both operands
    /// are written tile-major ([tiles, O] and [tiles, C]), the order in which the GEMM packs them by copying rows.
    /// </summary>
    public static void WeightGradient<T>(WinogradConvPlan plan, T[] x, int xOffset, T[] dy, int dyOffset, T[] gradient, int gradientOffset)
        where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int channels = g.Channels, outChannels = plan.OutChannels, size = Unsafe.SizeOf<T>();
        plan.RequireLanes(Vector<T>.Count, typeof(T).Name);
        if (g.Batch == 0)
        {
            gradient.AsSpan(gradientOffset, outChannels * channels * 9).Clear();
            return;
        }
        var sums = ConvScratch<T>.Rent();
        int uStride = WinogradConvPlan.PositionStride(outChannels * channels, size);
        var u = sums.Get(WinogradConvPlan.Positions * uStride);
        var buffers = new WinogradPassBuffers<T>(plan, outputSlack: 0);
        var (v, m) = (buffers.Inputs, buffers.Outputs);
        for (int first = 0; first < g.Batch; first += plan.ImagesPerPass)
        {
            var (images, tiles) = plan.Pass(first);
            int vStride = plan.InputStride(tiles, size), mStride = plan.OutputStride(tiles, size);
            TransformInputs(plan, x, xOffset + first * channels * g.InputVolume, images, buffers.Padded, v, vStride, transposed: true);
            TransformOutputGradients(plan, dy, dyOffset + first * outChannels * g.OutputVolume, images, m, mStride);
            bool accumulate = first > 0;
            ParallelRange.ForChunks(WinogradConvPlan.Positions, pos => Gemm.Multiply(outChannels, channels, tiles,
                new Gemm.Operand<T>(m, pos * mStride, 1, outChannels), new Gemm.Operand<T>(v, pos * vStride, channels, 1),
                u, pos * uStride, channels, accumulate));
        }
        ParallelRange.For(outChannels, Math.Max(1, FilterGrain / channels),
            (begin, end) => FilterGradients(u, uStride, channels, gradient, gradientOffset, (int)begin, (int)end));
        buffers.Return();
        ConvScratch<T>.Return(sums);
    }

    /// <summary>∇W[o, c] = Gᵀ ∂L/∂U[o, c] G for output channels [<paramref name="begin"/>, <paramref name="end"/>), from the sums [16][O, C], <paramref name="stride"/> apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // as InputPlanes
    private static void FilterGradients<T>(T[] sums, int stride, int channels, T[] gradient, int gradientOffset, int begin, int end) where T : unmanaged, INumber<T>
    {
        ref T sum = ref MemoryMarshal.GetArrayDataReference(sums);
        for (int o = begin; o < end; o++)
            for (int c = 0; c < channels; c++)
                WinogradTransforms.FilterGradient(ref Unsafe.Add(ref sum, (nint)o * channels + c), stride, ref gradient[gradientOffset + (o * channels + c) * 9]);
    }

    /// <summary>
    /// dMᵀ [16, tiles, O] for <paramref name="images"/> images of the output gradient from <paramref name="dyOffset"/>:
    /// each tile's 2×2 gradients (zero past the map) transformed (<see cref="WinogradTransforms.OutputGradient"/>).
    /// </summary>
    private static void TransformOutputGradients<T>(WinogradConvPlan plan, T[] dy, int dyOffset, int images, T[] m, int stride) where T : unmanaged, INumber<T>
        => ParallelRange.For(images * plan.OutChannels, Math.Max(1, PlaneGrain / plan.Geometry.OutputVolume),
            (begin, end) => OutputGradientPlanes(plan, dy, dyOffset, m, stride, (int)begin, (int)end));

    /// <summary>Planes (image, output channel) [<paramref name="begin"/>, <paramref name="end"/>) of <see cref="TransformOutputGradients"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // as InputPlanes
    private static void OutputGradientPlanes<T>(WinogradConvPlan plan, T[] dy, int dyOffset, T[] m, int stride, int begin, int end)
        where T : unmanaged, INumber<T>
    {
        int outChannels = plan.OutChannels, height = plan.Geometry.Output[1], width = plan.Geometry.Output[2], outputs = plan.Geometry.OutputVolume;
        ref T target = ref MemoryMarshal.GetArrayDataReference(m);
        for (int p = begin; p < end; p++)
        {
            int n = p / outChannels, o = p % outChannels;
            var map = dy.AsSpan(dyOffset + p * outputs, outputs);
            ref T to = ref Unsafe.Add(ref target, (nint)n * plan.Tiles * outChannels + o);
            for (int row = 0; row < plan.TileRows; row++)
            {
                int top = 2 * row * width;
                bool secondRow = 2 * row + 1 < height;
                for (int column = 0; column < plan.TileColumns; column++)
                {
                    int at = top + 2 * column;
                    bool secondColumn = 2 * column + 1 < width;
                    T a = map[at], b = secondColumn ? map[at + 1] : T.Zero;
                    T c = secondRow ? map[at + width] : T.Zero, d = secondRow && secondColumn ? map[at + width + 1] : T.Zero;
                    WinogradTransforms.OutputGradient(a, b, c, d, ref Unsafe.Add(ref to, ((nint)row * plan.TileColumns + column) * outChannels), stride);
                }
            }
        }
    }
}
