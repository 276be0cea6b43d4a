using System.Numerics;

namespace Sharpgrad.Kernels;

/// <summary>
/// Convolution as an implicit GEMM: the products of <see cref="GemmConvolution"/>, computed by
/// <see cref="ImplicitGemmKernel"/> straight from the (zero-padded) image through the offset tables of an
/// <see cref="ImplicitConvPlan"/>, so no column matrix is built and nothing is packed. For a convolution with few
/// channels, where im2col and packing copy about as many elements as the product has multiply-adds per output
/// channel, that is most of the work saved (see <see cref="ConvAlgorithm"/> for when it is used).
/// <list type="bullet">
/// <item><see cref="Forward"/>: y[n] = b + W·cols(x[n]), tiled by output rows (W broadcast, positions in vectors)
/// or by positions (the image broadcast, output channels in vectors).</item>
/// <item><see cref="WeightGradient"/>: ∇W = Σₙ y[n]·cols(x[n])ᵀ, tiled by taps (the image broadcast, output channels
/// in vectors, the positions as the depth) or along output rows (output channels × taps, each accumulator a vector of
/// positions summed across its lanes at the end).</item>
/// </list>
/// The adjoint is a forward pass of the flipped convolution (<see cref="ConvAlgorithm"/>).
/// </summary>
/// <remarks>
/// Determinism as in <see cref="GemmConvolution"/>: images are independent in the forward pass, and the weight
/// gradient sums each <see cref="ImageChunks"/> chunk separately, images in order, then the chunks in order.
/// </remarks>
internal static class ImplicitGemmConvolution
{
    private const int Rows = ImplicitGemmKernel.Rows;

    /// <summary>Accumulators of the kernel's tile of 6 × 2 vectors (the wide tile over positions or taps has twice as many).</summary>
    private const int Narrow = Rows * ImplicitGemmKernel.Vectors;

    /// <summary>y[n, o] = bias[o] + Σ W[o, ·]·cols(x[n]) for dense x [N, C, input...], W [O, C/G, K...] and y [N, O, output...].</summary>
    public static void Forward<T>(ImplicitConvPlan plan, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset)
        where T : unmanaged, INumber<T>
    {
        CheckLanes<T>(plan);
        var g = plan.Geometry;
        // Tiles over positions read the weights transposed, [(C/G)·K, O/G] per group, and the bias in vectors.
        T[]? weightsT = plan.ByWidth ? null : TransposeWeights(plan, w, wOffset);
        T[]? biasPadded = bias is null || plan.ByWidth ? null : PadChannels(plan, bias, biasOffset);
        ParallelRange.ForChunks(plan.Chunks.Count, chunk =>
        {
            var scratch = ConvScratch<T>.Rent();
            var transposed = ConvScratch<T>.Rent();
            Span<Vector<T>> acc = stackalloc Vector<T>[2 * Narrow];
            Span<int> rows = stackalloc int[Rows];
            // Tiles over positions write a group's output transposed, [L, O/G padded], a vector at a time.
            var outputT = plan.ByWidth ? [] : transposed.Get(g.OutputVolume * plan.PaddedOutChannels);
            var (begin, end) = plan.Chunks.Images(chunk);
            for (int n = begin; n < end; n++)
            {
                var (image, at) = Image(plan, x, xOffset + n * g.Channels * g.InputVolume, scratch);
                int output = yOffset + n * plan.OutChannels * g.OutputVolume;
                for (int group = 0; group < plan.Groups; group++)
                {
                    int groupAt = at + group * plan.GroupChannels * plan.Plane;
                    if (plan.ByWidth) ByWidth(plan, image, groupAt, w, wOffset, bias, biasOffset, y, output, group, acc[..Narrow], rows);
                    else
                    {
                        ByPosition(plan, image, groupAt, weightsT!, biasPadded, outputT, group, acc, rows);
                        StoreTransposed(plan, outputT, y, output + group * plan.GroupOutChannels * g.OutputVolume);
                    }
                }
            }
            ConvScratch<T>.Return(transposed);
            ConvScratch<T>.Return(scratch);
        });
    }

    /// <summary>
    /// ∇W[o, ·] = Σₙ y[n, o]·cols(x[n])ᵀ for dense x [N, C, input...] and y [N, O, output...], into
    /// <paramref name="gradient"/> [O, (C/G)·K] (overwritten).
    /// </summary>
    public static void WeightGradient<T>(ImplicitConvPlan plan, T[] x, int xOffset, T[] y, int yOffset, T[] gradient, int gradientOffset)
        where T : unmanaged, INumber<T>
    {
        CheckLanes<T>(plan);
        var g = plan.Geometry;
        int l = g.OutputVolume, size = plan.OutChannels * plan.GroupRows;
        plan.WeightGradientChunks.Sum(gradient, gradientOffset, size, (chunk, target, targetAt) =>
        {
            var scratch = ConvScratch<T>.Rent();
            var transposed = ConvScratch<T>.Rent();
            var sums = ConvScratch<T>.Rent();
            Span<Vector<T>> acc = stackalloc Vector<T>[2 * Narrow];
            Span<int> rows = stackalloc int[Rows];
            // Tiles by taps sum the chunk into ∇Wᵀ [G, (C/G)·K, O/G padded], a vector at a time, and transpose it once at the end.
            int sumsLength = plan.Groups * plan.GroupRows * plan.PaddedOutChannels;
            var gradientT = plan.GradientByWidth ? [] : sums.Get(sumsLength);
            gradientT.AsSpan(0, plan.GradientByWidth ? 0 : sumsLength).Clear();
            var (begin, end) = plan.WeightGradientChunks.Images(chunk);
            for (int n = begin; n < end; n++)
            {
                var (image, at) = Image(plan, x, xOffset + n * g.Channels * g.InputVolume, scratch);
                int output = yOffset + n * plan.OutChannels * l;
                // The output gradient as the tiles read it: rows padded to whole vectors, or transposed to [L, O].
                var grad = plan.GradientByWidth ? PadRows(plan, y, output, transposed) : TransposeOutput(plan, y, output, transposed);
                for (int group = 0; group < plan.Groups; group++)
                {
                    int groupAt = at + group * plan.GroupChannels * plan.Plane;
                    if (plan.GradientByWidth) GradientByRows(plan, image, groupAt, grad, group, target, targetAt, acc[..Narrow], rows);
                    else GradientByTaps(plan, image, groupAt, grad, group, gradientT, acc, rows);
                }
            }
            if (!plan.GradientByWidth) AddTransposed(plan, gradientT, scratch, target, targetAt);
            ConvScratch<T>.Return(sums);
            ConvScratch<T>.Return(transposed);
            ConvScratch<T>.Return(scratch);
        });
    }

    /// <summary>
    /// One group of one image's weight gradient, tiled by taps: six taps (the last tile repeating the last tap) × two
    /// vectors of output channels, summed over the positions onto <paramref name="gradientT"/> [G, (C/G)·K, O/G padded];
    /// <paramref name="gradT"/> is the output gradient [G, L, O/G padded].
    /// </summary>
    private static void GradientByTaps<T>(ImplicitConvPlan plan, T[] image, int groupAt, T[] gradT, int group, T[] gradientT,
        Span<Vector<T>> acc, Span<int> rows) where T : unmanaged, INumber<T>
    {
        int l = plan.Geometry.OutputVolume, padded = plan.PaddedOutChannels;
        for (int first = 0; first < plan.GroupRows; first += Rows)
        {
            int valid = Math.Min(Rows, plan.GroupRows - first);
            for (int r = 0; r < Rows; r++) rows[r] = groupAt + plan.Taps.Offsets[first + Math.Min(r, valid - 1)];
            for (int block = 0, vectors; block < padded; block += vectors * plan.Lanes)
            {
                // acc[r, v] continues the sums of ∇Wᵀ[tap first + r, block + v·V ..]; repeated taps start from the last one's.
                vectors = TileVectors(plan, block);
                var tile = acc[..(Rows * vectors)];
                int sumsAt = (group * plan.GroupRows + first) * padded + block;
                for (int r = 0; r < Rows; r++)
                    for (int v = 0; v < vectors; v++)
                        tile[vectors * r + v] = new Vector<T>(gradientT.AsSpan(sumsAt + Math.Min(r, valid - 1) * padded + v * plan.Lanes));
                RunBroadcast(plan, image, rows, plan.Positions, gradT, group * l * padded + block, plan.GradientRows, tile);
                for (int r = 0; r < valid; r++)
                    for (int v = 0; v < vectors; v++)
                        tile[vectors * r + v].CopyTo(gradientT.AsSpan(sumsAt + r * padded + v * plan.Lanes));
            }
        }
    }

    /// <summary>
    /// target[o, p] += ∇Wᵀ[p, o] for each group: a chunk's sum by taps, added to its partial sum once, transposed in
    /// blocks into <paramref name="scratch"/> (the image buffer, free by then) and added a vector at a time.
    /// </summary>
    private static void AddTransposed<T>(ImplicitConvPlan plan, T[] gradientT, ConvScratch<T> scratch, T[] target, int targetAt)
        where T : unmanaged, INumber<T>
    {
        int og = plan.GroupOutChannels, rows = plan.GroupRows, padded = plan.PaddedOutChannels, size = plan.OutChannels * rows;
        var gradient = scratch.Get(size);
        for (int group = 0; group < plan.Groups; group++)
            MatrixTranspose.Copy(gradientT, group * rows * padded, padded, rows, og, gradient, group * og * rows, rows);
        Im2Col.AddInto(target.AsSpan(targetAt, size), gradient.AsSpan(0, size));
    }

    /// <summary>
    /// One group of one image's weight gradient, tiled by output rows: six output channels (the last tile repeating
    /// the last channel) × two taps, each accumulator a vector of positions; <paramref name="gradRows"/> is the output
    /// gradient with zero-padded rows [O, rows, padded width], so the lanes past a row's end add nothing.
    /// </summary>
    private static void GradientByRows<T>(ImplicitConvPlan plan, T[] image, int groupAt, T[] gradRows, int group, T[] target, int targetAt,
        Span<Vector<T>> acc, Span<int> rows) where T : unmanaged, INumber<T>
    {
        int og = plan.GroupOutChannels, plane = plan.Geometry.OutputRows * plan.PaddedWidth;
        for (int first = 0; first < og; first += Rows)
        {
            int valid = Math.Min(Rows, og - first);
            for (int r = 0; r < Rows; r++) rows[r] = (group * og + first + Math.Min(r, valid - 1)) * plane;
            for (int tap = 0; tap < plan.GroupRows; tap += ImplicitGemmKernel.Vectors)
            {
                int taps = Math.Min(ImplicitGemmKernel.Vectors, plan.GroupRows - tap);
                acc.Clear();
                ImplicitGemmKernel.Run<T, ImplicitGemmKernel.Load<T>>(gradRows, rows, plan.GradientChunks,
                    image, groupAt + plan.Taps.Offsets[tap], groupAt + plan.Taps.Offsets[tap + taps - 1], plan.PixelChunks, acc);
                for (int r = 0; r < valid; r++)
                    for (int v = 0; v < taps; v++)
                        target[targetAt + (group * og + first + r) * plan.GroupRows + tap + v] += Vector.Sum(acc[2 * r + v]);
            }
        }
    }

    /// <summary>
    /// One group of one image, tiled by output rows: six output channels (the last tile repeating the group's last
    /// channel) × two vectors of adjacent positions of a row.
    /// </summary>
    private static void ByWidth<T>(ImplicitConvPlan plan, T[] image, int groupAt, T[] w, int wOffset, T[]? bias, int biasOffset,
        T[] y, int output, int group, Span<Vector<T>> acc, Span<int> rows) where T : unmanaged, INumber<T>
    {
        var g = plan.Geometry;
        int og = plan.GroupOutChannels, lOut = g.OutputVolume, width = g.Output[2];
        for (int first = 0; first < og; first += Rows)
        {
            for (int r = 0; r < Rows; r++) rows[r] = wOffset + (group * og + Math.Min(first + r, og - 1)) * plan.GroupRows;
            for (int od = 0; od < g.Output[0]; od++)
                for (int oh = 0; oh < g.Output[1]; oh++)
                {
                    int rowAt = groupAt + plan.Offset(od * g.Stride[0], oh * g.Stride[1], 0);
                    int rowOut = (od * g.Output[1] + oh) * width;
                    var (weightSteps, pixelSteps) = plan.RowTaps[od * g.Output[1] + oh];
                    for (int s = 0; s < plan.WidthStarts.Length; s += 2)
                    {
                        int a = plan.WidthStarts[s], b = plan.WidthStarts[s + 1];
                        for (int r = 0; r < Rows; r++)
                            acc[2 * r] = acc[2 * r + 1] = bias is null ? Vector<T>.Zero : new Vector<T>(bias[biasOffset + group * og + Math.Min(first + r, og - 1)]);
                        ImplicitGemmKernel.Run<T, ImplicitGemmKernel.Broadcast<T>>(w, rows, weightSteps, image, rowAt + a, rowAt + b, pixelSteps, acc);
                        for (int r = 0; r < Math.Min(Rows, og - first); r++)
                        {
                            int at = output + (group * og + first + r) * lOut + rowOut;
                            acc[2 * r].CopyTo(y.AsSpan(at + a, plan.Lanes));
                            acc[2 * r + 1].CopyTo(y.AsSpan(at + b, plan.Lanes));
                        }
                    }
                }
        }
    }

    /// <summary>
    /// One group of one image, tiled by positions: six output positions (the last tile repeating the last position) ×
    /// two vectors of output channels, into the group's output transposed, <paramref name="outputT"/> [L, O/G padded].
    /// </summary>
    private static void ByPosition<T>(ImplicitConvPlan plan, T[] image, int groupAt, T[] weightsT, T[]? biasPadded,
        T[] outputT, int group, Span<Vector<T>> acc, Span<int> rows) where T : unmanaged, INumber<T>
    {
        int lOut = plan.Geometry.OutputVolume, padded = plan.PaddedOutChannels;
        for (int first = 0; first < lOut; first += Rows)
        {
            int valid = Math.Min(Rows, lOut - first);
            for (int r = 0; r < Rows; r++) rows[r] = groupAt + plan.Positions.Offsets[first + Math.Min(r, valid - 1)];
            for (int block = 0, vectors; block < padded; block += vectors * plan.Lanes)
            {
                vectors = TileVectors(plan, block);
                var tile = acc[..(Rows * vectors)];
                for (int v = 0; v < vectors; v++)
                {
                    var start = biasPadded is null ? Vector<T>.Zero : new Vector<T>(biasPadded.AsSpan(group * padded + block + v * plan.Lanes));
                    for (int r = 0; r < Rows; r++) tile[vectors * r + v] = start;
                }
                RunBroadcast(plan, image, rows, plan.Taps, weightsT, group * plan.GroupRows * padded + block, plan.WeightRows, tile);
                for (int r = 0; r < valid; r++)
                    for (int v = 0; v < vectors; v++)
                        tile[vectors * r + v].CopyTo(outputT.AsSpan((first + r) * padded + block + v * plan.Lanes));
            }
        }
    }

    /// <summary>
    /// Vectors of output channels in the tile over positions (or taps) that starts at channel <paramref name="block"/>:
    /// two blocks at once where the kernel's wide tile runs and two remain (<see cref="ImplicitGemmKernel.RunWide{T}"/>), else one.
    /// </summary>
    private static int TileVectors(ImplicitConvPlan plan, int block)
        => plan.Wide && plan.PaddedOutChannels - block >= 2 * plan.Block ? 2 * ImplicitGemmKernel.Vectors : ImplicitGemmKernel.Vectors;

    /// <summary>The tile of <paramref name="acc"/>.Length / 6 vectors of B from <paramref name="b0"/> against six broadcast rows of A.</summary>
    private static void RunBroadcast<T>(ImplicitConvPlan plan, T[] a, ReadOnlySpan<int> aRows, OffsetTable aSteps, T[] b, int b0, OffsetTable bSteps,
        Span<Vector<T>> acc) where T : unmanaged, INumber<T>
    {
        if (acc.Length == Narrow)
            ImplicitGemmKernel.Run<T, ImplicitGemmKernel.Broadcast<T>>(a, aRows, aSteps, b, b0, b0 + plan.Lanes, bSteps, acc);
        else ImplicitGemmKernel.RunWide(a, aRows, aSteps, b, b0, bSteps, acc);
    }

    /// <summary>y[o, l] = outputT[l, o] for the group's O/G channels: its [O/G, L] planes from the transposed tile output.</summary>
    private static void StoreTransposed<T>(ImplicitConvPlan plan, T[] outputT, T[] y, int planes) where T : unmanaged
    {
        int l = plan.Geometry.OutputVolume;
        MatrixTranspose.Copy(outputT, 0, plan.PaddedOutChannels, l, plan.GroupOutChannels, y, planes, l);
    }

    /// <summary>The image's channels as the kernels read them: in place, or copied into a zero-padded buffer (<see cref="PaddedImage"/>).</summary>
    private static (T[] Buffer, int Offset) Image<T>(ImplicitConvPlan plan, T[] x, int image, ConvScratch<T> scratch) where T : unmanaged
    {
        if (plan.InPlace) return (x, image);
        var g = plan.Geometry;
        var padded = scratch.Get(g.Channels * plan.Plane);
        PaddedImage.Write(g, plan.Buffer, plan.Plane, x, image, g.Channels, padded, 0);
        return (padded, 0);
    }

    /// <summary>W [O, (C/G)·K] as [G, (C/G)·K, O/G padded], zeros in the padding, for tiles over positions.</summary>
    private static T[] TransposeWeights<T>(ImplicitConvPlan plan, T[] w, int wOffset) where T : unmanaged
    {
        int og = plan.GroupOutChannels, rows = plan.GroupRows, padded = plan.PaddedOutChannels;
        var t = new T[plan.Groups * rows * padded];
        for (int group = 0; group < plan.Groups; group++)
            for (int o = 0; o < og; o++)
                for (int p = 0; p < rows; p++)
                    t[(group * rows + p) * padded + o] = w[wOffset + (group * og + o) * rows + p];
        return t;
    }

    /// <summary>One image's y [O, L] as [G, L, O/G padded], zeros in the padding, for the weight gradient's tiles.</summary>
    private static T[] TransposeOutput<T>(ImplicitConvPlan plan, T[] y, int image, ConvScratch<T> scratch) where T : unmanaged
    {
        int og = plan.GroupOutChannels, l = plan.Geometry.OutputVolume, padded = plan.PaddedOutChannels;
        var t = scratch.Get(plan.Groups * l * padded);
        // Only the padding columns need zeros; the transpose writes every other element.
        if (padded > og) t.AsSpan(0, plan.Groups * l * padded).Clear();
        for (int group = 0; group < plan.Groups; group++)
            MatrixTranspose.Copy(y, image + group * og * l, l, og, l, t, group * l * padded, padded);
        return t;
    }

    /// <summary>One image's y [O, rows, W] as [O, rows, W padded to whole vectors], zeros in the padding, for the weight gradient by rows.</summary>
    private static T[] PadRows<T>(ImplicitConvPlan plan, T[] y, int image, ConvScratch<T> scratch) where T : unmanaged
    {
        int rows = plan.OutChannels * plan.Geometry.OutputRows, width = plan.Geometry.Output[2], padded = plan.PaddedWidth;
        var t = scratch.Get(rows * padded);
        for (int row = 0; row < rows; row++)
        {
            y.AsSpan(image + row * width, width).CopyTo(t.AsSpan(row * padded));
            t.AsSpan(row * padded + width, padded - width).Clear();
        }
        return t;
    }

    /// <summary>A per-channel vector [O] as [G, O/G padded], zeros in the padding.</summary>
    private static T[] PadChannels<T>(ImplicitConvPlan plan, T[] values, int offset) where T : unmanaged
    {
        int og = plan.GroupOutChannels, padded = plan.PaddedOutChannels;
        var t = new T[plan.Groups * padded];
        for (int group = 0; group < plan.Groups; group++)
            values.AsSpan(offset + group * og, og).CopyTo(t.AsSpan(group * padded));
        return t;
    }

    private static void CheckLanes<T>(ImplicitConvPlan plan) where T : unmanaged
    {
        if (plan.Lanes != Vector<T>.Count)
            throw new ArgumentException($"ImplicitGemmConvolution: the plan was made for {plan.Lanes} lanes, but {typeof(T).Name} vectors hold {Vector<T>.Count}.");
    }
}
