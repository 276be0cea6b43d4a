using System.Numerics;
using System.Runtime.Intrinsics;

namespace Sharpgrad.Kernels;

/// <summary>
/// A stride-1 convolution computed directly from the zero-padded image (<see cref="DirectConvPlan"/>,
/// <see cref="DirectConvKernel"/>): y[n, o] = b[o] + Σ W[o, ·]·cols(x[n]) with the column matrix never built, as
/// <see cref="ImplicitGemmConvolution"/> does, but with the image loaded in whole vectors of adjacent positions on the
/// widest SIMD path, so that a tile's multiply-adds outnumber its loads as in the GEMM's micro-kernel. Used for the
/// forward map and for the adjoint, which at stride 1 is the forward map of the flipped convolution (see
/// <see cref="ConvAlgorithm"/> for when).
/// </summary>
/// <remarks>
/// Why not im2col + GEMM here: at ResNet-18's 3×3 layers the column matrix is 576–4,608 rows of the image copied, and
/// in a perf profile of the 64-channel 56×56 layer at batch 1 writing it took 12% of the samples against 47% for the
/// micro-kernel (docs/performance.md, "Ninth session"). Each output is summed by one tile in one order, so the bits
/// do not depend on the thread count.
/// </remarks>
internal static class DirectConvolution
{
    /// <summary>y[n, o] = bias[o] + Σ W[o, ·]·cols(x[n]) for dense x [N, C, input...], W [O, C/G, K...] and y [N, O, output...].</summary>
    public static void Forward<T>(DirectConvPlan plan, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset, T[] y, int yOffset)
        where T : unmanaged, INumber<T>
    {
        switch (plan.Path)
        {
            case SimdPath.Vector512: Forward<T, Vector512<T>, Vector512Lanes<T>>(plan, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset); break;
            case SimdPath.Vector256: Forward<T, Vector256<T>, Vector256Lanes<T>>(plan, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset); break;
            case SimdPath.Vector128: Forward<T, Vector128<T>, Vector128Lanes<T>>(plan, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset); break;
            default: Forward<T, T, ScalarLanes<T>>(plan, x, xOffset, w, wOffset, bias, biasOffset, y, yOffset); break;
        }
    }

    private static void Forward<T, TVector, TLanes>(DirectConvPlan plan, T[] x, int xOffset, T[] w, int wOffset, T[]? bias, int biasOffset,
        T[] y, int yOffset) where T : unmanaged, INumber<T> where TVector : struct where TLanes : ISimdLanes<T, TVector>
    {
        if (TLanes.Count != plan.Lanes)
            throw new ArgumentException($"DirectConvolution: the plan was made for {plan.Lanes} lanes, but {typeof(TVector).Name} holds {TLanes.Count}.");
        var g = plan.Geometry;
        if (g.Batch == 0 || plan.OutChannels == 0) return;
        var scratch = ConvScratch<T>.Rent();
        var padded = scratch.Get(plan.PassLength);
        int og = plan.GroupOutChannels, outputs = g.OutputVolume, tileLength = plan.Vectors * plan.Lanes;
        for (int first = 0; first < g.Batch; first += plan.ImagesPerPass)
        {
            int images = Math.Min(plan.ImagesPerPass, g.Batch - first);
            Pad(plan, x, xOffset + first * g.Channels * g.InputVolume, images, padded);
            int output = yOffset + first * plan.OutChannels * outputs;
            ParallelRange.ForChunks(images * plan.ChunksPerImage, chunk =>
            {
                var (n, firstBlock, endBlock, firstTile, endTile) = plan.Chunk(chunk);
                Span<T> tile = stackalloc T[DirectConvKernel.Rows * tileLength];
                Span<int> rows = stackalloc int[DirectConvKernel.Rows];
                Span<T> starts = stackalloc T[DirectConvKernel.Rows];
                int image = n * g.Channels * plan.Plane, imageOutput = output + n * plan.OutChannels * outputs;
                for (int block = firstBlock; block < endBlock; block++)
                {
                    int group = block / plan.OcBlocks, firstChannel = block % plan.OcBlocks * DirectConvPlan.Rows;
                    int valid = Math.Min(DirectConvPlan.Rows, og - firstChannel);
                    for (int r = 0; r < DirectConvPlan.Rows; r++)
                    {
                        int o = group * og + firstChannel + Math.Min(r, valid - 1);
                        rows[r] = wOffset + o * plan.GroupRows;
                        starts[r] = bias is null ? T.Zero : bias[biasOffset + o];
                    }
                    int groupAt = image + group * plan.GroupChannels * plan.Plane;
                    for (int t = firstTile; t < endTile; t++)
                    {
                        RunTile<T, TVector, TLanes>(plan.TileVectors(t), w, rows, padded, plan.PassLength, groupAt + plan.TileStart(t), plan, starts, tile);
                        for (int i = plan.RunStarts[t]; i < plan.RunStarts[t + 1]; i++)
                        {
                            var (lane, position, length) = plan.Runs[i];
                            for (int r = 0; r < valid; r++)
                                tile.Slice(r * tileLength + lane, length)
                                    .CopyTo(y.AsSpan(imageOutput + (group * og + firstChannel + r) * outputs + position, length));
                        }
                    }
                }
            });
        }
        ConvScratch<T>.Return(scratch);
    }

    /// <summary>One tile of <paramref name="vectors"/> vectors: the kernel compiled for that width.</summary>
    private static void RunTile<T, TVector, TLanes>(int vectors, T[] w, ReadOnlySpan<int> rows, T[] padded, int paddedLength, int x0,
        DirectConvPlan plan, ReadOnlySpan<T> starts, Span<T> tile) where T : unmanaged where TVector : struct where TLanes : ISimdLanes<T, TVector>
    {
        int kw = plan.Geometry.Kernel[2], dilation = plan.Geometry.Dilation[2];
        switch (vectors)
        {
            case 4: DirectConvKernel.Run<T, TVector, TLanes, DirectConvKernel.FourVectors>(w, rows, padded, paddedLength, x0, plan.VectorOffsets, plan.TapRows, kw, dilation, starts, tile); break;
            case 3: DirectConvKernel.Run<T, TVector, TLanes, DirectConvKernel.ThreeVectors>(w, rows, padded, paddedLength, x0, plan.VectorOffsets, plan.TapRows, kw, dilation, starts, tile); break;
            case 2: DirectConvKernel.Run<T, TVector, TLanes, DirectConvKernel.TwoVectors>(w, rows, padded, paddedLength, x0, plan.VectorOffsets, plan.TapRows, kw, dilation, starts, tile); break;
            default: DirectConvKernel.Run<T, TVector, TLanes, DirectConvKernel.OneVector>(w, rows, padded, paddedLength, x0, plan.VectorOffsets, plan.TapRows, kw, dilation, starts, tile); break;
        }
    }

    /// <summary>
    /// <paramref name="images"/> images' channels from <paramref name="xOffset"/> zero-padded into <paramref name="padded"/>
    /// [images, C, buffer...] (<see cref="PaddedImage"/>), then zeros to the pass's end (the last tile's reads past the
    /// last output: never stored, zeroed so that no stale NaN or denormal slows them).
    /// </summary>
    private static void Pad<T>(DirectConvPlan plan, T[] x, int xOffset, int images, T[] padded) where T : unmanaged
    {
        var g = plan.Geometry;
        int channels = images * g.Channels, length = channels * plan.Plane;
        ParallelRange.For(channels, Math.Max(1, (1 << 16) / Math.Max(1, plan.Plane)), (begin, end) =>
            PaddedImage.Write(g, plan.Buffer, plan.Plane, x, xOffset + (int)begin * g.InputVolume, (int)(end - begin), padded, (int)begin * plan.Plane));
        padded.AsSpan(length, plan.PassLength - plan.ImagesPerPass * g.Channels * plan.Plane).Clear();
    }
}
