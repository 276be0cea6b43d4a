using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// Batch norm runs BatchNormKernel's passes (parallel over blocks of channels): per-channel sums for the mean, the
// variance and the backward's Σg, Σg·(x − μ), and one elementwise pass for the output or input gradient; the statistics'
// two passes and the training backward's two run one channel at a time, so the second reads it from cache.
internal sealed partial class CpuBackend
{
    protected override void BatchNormStatistics<T>(Tensor mean, Tensor variance, Tensor x)
        => BatchNormKernel.Statistics(x.Data<T>(), x.offset, ChannelsOf(x), mean.Data<T>(), variance.Data<T>());

    protected override void BatchNormForward<T>(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias, Tensor? residual,
        bool relu)
    {
        var layout = ChannelsOf(x);
        BatchNormKernel.Affine(x.Data<T>(), x.offset, layout, PerChannel<T>(mean), PerChannel<T>(invStd), Gamma<T>(weight, layout.Channels),
            bias is null ? null : PerChannel<T>(bias), y.Data<T>(), new AffineEpilogue<T>(residual?.Data<T>(), residual?.offset ?? 0, relu));
    }

    /// <summary>
    /// Training mode with an input gradient wanted (batch statistics): <see cref="BatchNormKernel.Backward"/>, which
    /// with S &gt; 1 runs the sums and the input gradient one channel at a time (the second pass reads the channel
    /// from cache; the gradient through a ReLU, when asked, is taken in the same sweep) and with S = 1 runs the two
    /// whole-tensor passes. Otherwise (evaluation mode, or no input gradient): the gradient through the ReLU, when
    /// asked, in one pass; Σg and Σg·(x − μ) in one whole-tensor pass; then, when wanted, the input gradient g·γr in one more.
    /// </summary>
    protected override void BatchNormBackward<T>(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics, Tensor? reluOutput, Tensor? maskedGradient)
    {
        var layout = ChannelsOf(x);
        int channels = layout.Channels;
        T[] gs = g.Data<T>(), xs = x.Data<T>(), mu = PerChannel<T>(mean), r = PerChannel<T>(invStd);
        T[] sumG = gradBias.Data<T>(), dWeight = gradWeight.Data<T>();
        ReluGradient<T>? relu = reluOutput is null ? null : new(reluOutput.Data<T>(), reluOutput.offset, maskedGradient?.Data<T>());
        if (gradInput is not null && batchStatistics)
        {
            // Both passes per channel at once: the second reads it from cache.
            BatchNormKernel.Backward(gs, g.offset, xs, x.offset, layout, mu, r, Gamma<T>(weight, channels), sumG, dWeight, gradInput.Data<T>(), relu);
            return;
        }
        int gOffset = g.offset;
        if (relu is { } through)
        {
            var masked = through.Masked ?? gradInput?.Data<T>() ?? new T[g.Count];
            through.Apply(gs, gOffset, masked, 0, g.Count);
            (gs, gOffset) = (masked, 0);
        }
        var sumGX = new T[channels];
        BatchNormKernel.Sums(gs, gOffset, xs, x.offset, layout, mu, centreU: false, sumG, sumGX);
        for (int c = 0; c < channels; c++) dWeight[c] = sumGX[c] * r[c];
        if (gradInput is null) return;
        var scale = BatchNormKernel.InputGradientScale(Gamma<T>(weight, channels), r);
        BatchNormKernel.Affine(gs, gOffset, layout, new T[channels], scale, Ones<T>(channels), null, gradInput.Data<T>());
    }

    /// <summary>[N, C, ...] as the kernel's [N, C, S].</summary>
    private static ChannelLayout ChannelsOf(Tensor x) => new(x.shape[0], x.shape[1], ShapeUtil.Count(x.shape.AsSpan(2)));

    /// <summary>The elements of a [C] tensor as the kernels take them, indexed from 0: its own array when it can be, else a copy.</summary>
    private static T[] PerChannel<T>(Tensor t) where T : unmanaged => t.offset == 0 && t.IsContiguous ? t.Data<T>() : t.ToArray<T>();

    private static T[] Gamma<T>(Tensor? weight, int channels) where T : unmanaged, INumber<T>
        => weight is null ? Ones<T>(channels) : PerChannel<T>(weight);

    private static T[] Ones<T>(int channels) where T : INumber<T>
    {
        var ones = new T[channels];
        Array.Fill(ones, T.One);
        return ones;
    }
}
