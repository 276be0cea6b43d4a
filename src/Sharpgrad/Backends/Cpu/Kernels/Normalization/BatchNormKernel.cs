using System.Numerics;
using System.Runtime.InteropServices;

namespace Sharpgrad.Kernels;

/// <summary>
/// A contiguous batch-norm input [N, C, S] (S the spatial volume, 1 for [N, C]): each channel's N·S values are the
/// population of its statistics (GBC §8.7.1).
/// </summary>
internal readonly record struct ChannelLayout(int Batch, int Channels, int Spatial)
{
    /// <summary>The values per channel, m.</summary>
    public int PerChannel => Batch * Spatial;
}

/// <summary>
/// Batch normalisation's passes over a contiguous [N, C, S] block (Ioffe &amp; Szegedy 2015; GBC §8.7.1), parallel over
/// blocks of channels. Each channel is summed in a fixed order whatever the thread count, and the elementwise passes
/// use only +, − and ×, which give the same bits on the SIMD path and the scalar tail, so results never depend on
/// <see cref="Threads.Count"/>.
/// </summary>
/// <remarks>
/// With S &gt; 1 a channel's values are N runs of S contiguous values: the runs are vectorised and the per-channel
/// constants broadcast. With S = 1 ([N, C], after a linear layer) each example is one run across the channels,
/// vectorised over channels with the constants read lane by lane. The sums of a channel add each run's SIMD lanes
/// into the channel's lanes (S &gt; 1), or go down the batch one example at a time (S = 1).
/// </remarks>
internal static class BatchNormKernel
{
    /// <summary>
    /// Per channel, Σ u′ and Σ u′·(v − centre) where u′ = u − centre when <paramref name="centreU"/>, else u. One pass
    /// serves three sums: Σ x (for the mean), Σ (x − μ)² (the variance, from the centred values, so without the
    /// cancellation of E[x²] − μ²) and, in the backward, Σ g and Σ g·(x − μ).
    /// </summary>
    public static void Sums<T>(T[] u, int uOffset, T[] v, int vOffset, ChannelLayout layout, T[] centre, bool centreU, T[] sumU, T[] sumUV)
        where T : unmanaged, INumber<T>
    {
        int batch = layout.Batch, channels = layout.Channels, spatial = layout.Spatial, lanes = Vector<T>.Count;
        ForChannelBlocks(layout, (first, end) =>
        {
            if (spatial == 1)
            {
                // Down the batch, all channels of the block side by side.
                int width = end - first, vectors = width / lanes;
                var su = sumU.AsSpan(first, width);
                var suv = sumUV.AsSpan(first, width);
                var c = centre.AsSpan(first, width);
                var suVectors = MemoryMarshal.Cast<T, Vector<T>>(su);
                var suvVectors = MemoryMarshal.Cast<T, Vector<T>>(suv);
                var cVectors = MemoryMarshal.Cast<T, Vector<T>>(c);
                su.Clear();
                suv.Clear();
                for (int n = 0; n < batch; n++)
                {
                    var ur = u.AsSpan(uOffset + n * channels + first, width);
                    var vr = v.AsSpan(vOffset + n * channels + first, width);
                    var uVectors = MemoryMarshal.Cast<T, Vector<T>>(ur);
                    var vVectors = MemoryMarshal.Cast<T, Vector<T>>(vr);
                    for (int k = 0; k < vectors; k++)
                    {
                        var uk = centreU ? uVectors[k] - cVectors[k] : uVectors[k];
                        suVectors[k] += uk;
                        suvVectors[k] += uk * (vVectors[k] - cVectors[k]);
                    }
                    for (int j = vectors * lanes; j < width; j++)
                    {
                        var uj = centreU ? ur[j] - c[j] : ur[j];
                        su[j] += uj;
                        suv[j] += uj * (vr[j] - c[j]);
                    }
                }
                return;
            }
            for (int ch = first; ch < end; ch++) (sumU[ch], sumUV[ch]) = ChannelSum(u, uOffset, v, vOffset, layout, ch, centre[ch], centreU);
        });
    }

    /// <summary>
    /// Training-mode statistics per channel, mean = Σx/m and variance = Σ(x − mean)²/m, as two <see cref="Sums"/>
    /// passes would give them bit for bit. With S &gt; 1 both passes run over one channel before the next, so the
    /// second reads the channel from cache (a channel of ResNet-20's 16×32×32 activations at batch 128 is 512 KB, the
    /// L2 of a Zen 3 core; the whole tensor is 8 MB and was read twice from memory).
    /// </summary>
    public static void Statistics<T>(T[] x, int xOffset, ChannelLayout layout, T[] mean, T[] variance) where T : unmanaged, INumber<T>
    {
        var m = T.CreateChecked(layout.PerChannel);
        if (layout.Spatial == 1)
        {
            var unused = new T[layout.Channels];
            Sums(x, xOffset, x, xOffset, layout, new T[layout.Channels], centreU: false, mean, unused);
            for (int c = 0; c < layout.Channels; c++) mean[c] /= m;
            Sums(x, xOffset, x, xOffset, layout, mean, centreU: true, unused, variance);
            for (int c = 0; c < layout.Channels; c++) variance[c] /= m;
            return;
        }
        ForChannelBlocks(layout, (first, end) =>
        {
            for (int ch = first; ch < end; ch++)
            {
                mean[ch] = ChannelSum(x, xOffset, x, xOffset, layout, ch, T.Zero, centreU: false).SumU / m;
                variance[ch] = ChannelSum(x, xOffset, x, xOffset, layout, ch, mean[ch], centreU: true).SumUV / m;
            }
        });
    }

    /// <summary>
    /// Training-mode batch norm's backward with batch statistics: Σg (into <paramref name="sumG"/>, the bias gradient),
    /// Σg·(x − μ)·r (into <paramref name="gradWeight"/>) and dx = ((g − meanG) − (x − μ)·k)·γr with meanG = Σg/m and
    /// k = Σg·(x − μ)/m·r² (GBC §8.7.1; Ioffe &amp; Szegedy 2015, §3), r = 1/σ. The same arithmetic as
    /// <see cref="Sums"/> followed by <see cref="InputGradient"/>, bit for bit; with S &gt; 1 one channel at a time, so
    /// the input-gradient pass reads g and x from cache. With <paramref name="relu"/> the g above is first taken through
    /// the ReLU that followed the batch norm (<see cref="ReluGradient{T}"/>), a channel at a time too.
    /// </summary>
    public static void Backward<T>(T[] g, int gOffset, T[] x, int xOffset, ChannelLayout layout, T[] mean, T[] invStd, T[] gamma,
        T[] sumG, T[] gradWeight, T[] dx, ReluGradient<T>? relu = null) where T : unmanaged, INumber<T>
    {
        int channels = layout.Channels;
        var m = T.CreateChecked(layout.PerChannel);
        T[] sumGX = new T[channels], meanG = new T[channels], k = new T[channels], scale = InputGradientScale(gamma, invStd);
        void Constants(int c)
        {
            gradWeight[c] = sumGX[c] * invStd[c];
            meanG[c] = sumG[c] / m;
            k[c] = sumGX[c] / m * invStd[c] * invStd[c];
        }
        // The gradient the sums read: g itself, or g through the ReLU, written where the caller wants it or into dx.
        var (source, sourceOffset) = relu is { } r ? (r.Masked ?? dx, 0) : (g, gOffset);
        if (layout.Spatial == 1)
        {
            relu?.Apply(g, gOffset, source, 0, layout.Batch * channels);
            Sums(source, sourceOffset, x, xOffset, layout, mean, centreU: false, sumG, sumGX);
            for (int c = 0; c < channels; c++) Constants(c);
            InputGradient(source, sourceOffset, x, xOffset, layout, meanG, mean, k, scale, dx);
            return;
        }
        var run = new GradientRun<T>(source, sourceOffset, x, xOffset, meanG, mean, k, scale, dx);
        ForChannelBlocks(layout, (first, end) =>
        {
            for (int c = first; c < end; c++)
            {
                if (relu is { } through)
                    for (int n = 0; n < layout.Batch; n++) through.Apply(g, gOffset, source, (n * channels + c) * layout.Spatial, layout.Spatial);
                (sumG[c], sumGX[c]) = ChannelSum(source, sourceOffset, x, xOffset, layout, c, mean[c], centreU: false);
                Constants(c);
                // In place when the ReLU's gradient went into dx: each element is read before it is written.
                for (int n = 0; n < layout.Batch; n++) run.Run((n * channels + c) * layout.Spatial, layout.Spatial, new OneChannel(c));
            }
        });
    }

    /// <summary>
    /// γ·r per channel (r = 1/σ), the factor by which the input gradient scales each channel in both training and
    /// evaluation mode (GBC §8.7.1): ∂x̂/∂x = r, then γ.
    /// </summary>
    public static T[] InputGradientScale<T>(T[] gamma, T[] invStd) where T : unmanaged, INumber<T>
    {
        var scale = new T[invStd.Length];
        for (int c = 0; c < scale.Length; c++) scale[c] = gamma[c] * invStd[c];
        return scale;
    }

    /// <summary>
    /// One channel's Σ u′ and Σ u′·(v − centre) (u′ as in <see cref="Sums"/>) over its N runs of S &gt; 1 values: each
    /// run's own lanes first, then into the channel's (two levels keep float32 sums short), then across the lanes.
    /// </summary>
    private static (T SumU, T SumUV) ChannelSum<T>(T[] u, int uOffset, T[] v, int vOffset, ChannelLayout layout, int ch, T centre, bool centreU)
        where T : unmanaged, INumber<T>
    {
        int spatial = layout.Spatial, lanes = Vector<T>.Count;
        var cv = new Vector<T>(centre);
        Vector<T> accU = Vector<T>.Zero, accUV = Vector<T>.Zero;
        T tailU = T.Zero, tailUV = T.Zero;
        for (int n = 0; n < layout.Batch; n++)
        {
            int run = (n * layout.Channels + ch) * spatial;
            var ur = u.AsSpan(uOffset + run, spatial);
            var vr = v.AsSpan(vOffset + run, spatial);
            var uv = MemoryMarshal.Cast<T, Vector<T>>(ur);
            var vv = MemoryMarshal.Cast<T, Vector<T>>(vr);
            Vector<T> runU = Vector<T>.Zero, runUV = Vector<T>.Zero;
            for (int k = 0; k < uv.Length; k++)
            {
                var uj = centreU ? uv[k] - cv : uv[k];
                runU += uj;
                runUV += uj * (vv[k] - cv);
            }
            accU += runU;
            accUV += runUV;
            for (int j = uv.Length * lanes; j < spatial; j++)
            {
                var uj = centreU ? ur[j] - centre : ur[j];
                tailU += uj;
                tailUV += uj * (vr[j] - centre);
            }
        }
        return (Vector.Sum(accU) + tailU, Vector.Sum(accUV) + tailUV);
    }

    /// <summary>
    /// y = ((x − shift)·scale)·weight + bias per channel: the normalisation and affine map of the forward pass (shift
    /// μ, scale 1/√(σ² + ε)) and, with shift 0, the evaluation-mode input gradient. <paramref name="bias"/> may be
    /// null (no add, so −0 stays −0). <paramref name="after"/> optionally adds a residual and applies a ReLU in the
    /// same pass, as the separate Add and ReLU ops would.
    /// </summary>
    public static void Affine<T>(T[] x, int xOffset, ChannelLayout layout, T[] shift, T[] scale, T[] weight, T[]? bias, T[] y,
        AffineEpilogue<T> after = default) where T : unmanaged, INumber<T>
        => ForRuns(layout, new AffineRun<T>(x, xOffset, shift, scale, weight, bias, y, after));

    /// <summary>
    /// dx = ((g − meanG) − (x − mean)·k)·scale per channel: training-mode batch norm's input gradient
    /// γ/σ·(g − mean(g) − x̂·mean(g·x̂)) with meanG = mean(g), k = mean(g·(x − μ))/σ² and scale = γ/σ.
    /// </summary>
    public static void InputGradient<T>(T[] g, int gOffset, T[] x, int xOffset, ChannelLayout layout, T[] meanG, T[] mean, T[] k, T[] scale, T[] dx)
        where T : unmanaged, INumber<T>
        => ForRuns(layout, new GradientRun<T>(g, gOffset, x, xOffset, meanG, mean, k, scale, dx));

    /// <summary>
    /// Splits the channels into blocks by the problem size alone (never the thread count) and runs them in
    /// parallel; with S = 1 a block is at least 64 channels, several vectors wide.
    /// </summary>
    private static void ForChannelBlocks(ChannelLayout layout, Action<int, int> body)
    {
        if (layout.Channels == 0) return;
        long work = (long)layout.PerChannel * layout.Channels;
        int minimum = layout.Spatial == 1 ? 64 : 1;
        int blocks = (int)Math.Clamp(work / StridedLayout.ParallelGrain, 1, Math.Max(1, layout.Channels / minimum));
        int size = (layout.Channels + blocks - 1) / blocks;
        ParallelRange.ForChunks(blocks, b =>
        {
            int first = b * size, end = Math.Min(layout.Channels, first + size);
            if (first < end) body(first, end);
        });
    }

    /// <summary>One contiguous run of values and the per-channel constants that go with it.</summary>
    private interface IRun
    {
        void Run<TConstants>(int start, int length, TConstants constants) where TConstants : struct, IChannelConstants;
    }

    /// <summary>How a run reads a per-channel constant at its position j: one channel's, or channel first + j's.</summary>
    private interface IChannelConstants
    {
        Vector<T> Vector<T>(T[] values, int j) where T : unmanaged;

        T Scalar<T>(T[] values, int j) where T : unmanaged;
    }

    private readonly struct OneChannel(int channel) : IChannelConstants
    {
        public Vector<T> Vector<T>(T[] values, int j) where T : unmanaged => new(values[channel]);

        public T Scalar<T>(T[] values, int j) where T : unmanaged => values[channel];
    }

    private readonly struct ChannelLanes(int first) : IChannelConstants
    {
        public Vector<T> Vector<T>(T[] values, int j) where T : unmanaged => new(values.AsSpan(first + j));

        public T Scalar<T>(T[] values, int j) where T : unmanaged => values[first + j];
    }

    /// <summary>Every run of the block, each with its constants: per channel and example (S &gt; 1), or per example across a block of channels (S = 1).</summary>
    private static void ForRuns<TRun>(ChannelLayout layout, TRun run) where TRun : struct, IRun
    {
        int batch = layout.Batch, channels = layout.Channels, spatial = layout.Spatial;
        ForChannelBlocks(layout, (first, end) =>
        {
            if (spatial == 1)
                for (int n = 0; n < batch; n++) run.Run(n * channels + first, end - first, new ChannelLanes(first));
            else
                for (int c = first; c < end; c++)
                    for (int n = 0; n < batch; n++) run.Run((n * channels + c) * spatial, spatial, new OneChannel(c));
        });
    }

    private readonly struct AffineRun<T>(T[] x, int xOffset, T[] shift, T[] scale, T[] weight, T[]? bias, T[] y, AffineEpilogue<T> after) : IRun
        where T : unmanaged, INumber<T>
    {
        public void Run<TConstants>(int start, int length, TConstants k) where TConstants : struct, IChannelConstants
        {
            var xs = x.AsSpan(xOffset + start, length);
            var ys = y.AsSpan(start, length);
            var rs = after.Residual is null ? default : after.Residual.AsSpan(after.ResidualOffset + start, length);
            bool residual = after.Residual is not null, relu = after.Relu;
            int lanes = Vector<T>.Count, j = 0;
            for (; j <= length - lanes; j += lanes)
            {
                var value = (new Vector<T>(xs[j..]) - k.Vector(shift, j)) * k.Vector(scale, j) * k.Vector(weight, j);
                if (bias is not null) value += k.Vector(bias, j);
                if (residual) value += new Vector<T>(rs[j..]);
                if (relu) value = Vector.Max(value, Vector<T>.Zero);  // ReluOp's arithmetic
                value.CopyTo(ys[j..]);
            }
            for (; j < length; j++)
            {
                var value = (xs[j] - k.Scalar(shift, j)) * k.Scalar(scale, j) * k.Scalar(weight, j);
                if (bias is not null) value += k.Scalar(bias, j);
                if (residual) value += rs[j];
                ys[j] = relu ? T.Max(value, T.Zero) : value;
            }
        }
    }

    private readonly struct GradientRun<T>(T[] g, int gOffset, T[] x, int xOffset, T[] meanG, T[] mean, T[] k, T[] scale, T[] dx) : IRun
        where T : unmanaged, INumber<T>
    {
        public void Run<TConstants>(int start, int length, TConstants c) where TConstants : struct, IChannelConstants
        {
            var gs = g.AsSpan(gOffset + start, length);
            var xs = x.AsSpan(xOffset + start, length);
            var ds = dx.AsSpan(start, length);
            int lanes = Vector<T>.Count, j = 0;
            for (; j <= length - lanes; j += lanes)
                ((new Vector<T>(gs[j..]) - c.Vector(meanG, j) - (new Vector<T>(xs[j..]) - c.Vector(mean, j)) * c.Vector(k, j))
                    * c.Vector(scale, j)).CopyTo(ds[j..]);
            for (; j < length; j++)
                ds[j] = (gs[j] - c.Scalar(meanG, j) - (xs[j] - c.Scalar(mean, j)) * c.Scalar(k, j)) * c.Scalar(scale, j);
        }
    }
}
