using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Cpu;

// Batch norm runs BatchNormKernel's passes (parallel over blocks of channels): a pass of per-channel sums for each of
// the mean, the variance and the backward's Σg, Σg·(x − μ), and one elementwise pass for the output or input gradient.
internal sealed partial class CpuBackend
{
    protected override void BatchNormStatistics<T>(Tensor mean, Tensor variance, Tensor x)
    {
        var layout = ChannelsOf(x);
        var m = T.CreateChecked(layout.PerChannel);
        T[] xs = x.Data<T>(), means = mean.Data<T>(), squares = variance.Data<T>(), unused = new T[layout.Channels];
        BatchNormKernel.Sums(xs, x.offset, xs, x.offset, layout, new T[layout.Channels], centreU: false, means, unused);
        for (int c = 0; c < layout.Channels; c++) means[c] /= m;
        BatchNormKernel.Sums(xs, x.offset, xs, x.offset, layout, means, centreU: true, unused, squares);
        for (int c = 0; c < layout.Channels; c++) squares[c] /= m;
    }

    protected override void BatchNormForward<T>(Tensor y, Tensor x, Tensor mean, Tensor invStd, Tensor? weight, Tensor? bias)
    {
        var layout = ChannelsOf(x);
        BatchNormKernel.Affine(x.Data<T>(), x.offset, layout, PerChannel<T>(mean), PerChannel<T>(invStd), Gamma<T>(weight, layout.Channels),
            bias is null ? null : PerChannel<T>(bias), y.Data<T>());
    }

    /// <summary>Σg and Σg·(x − μ) in one pass; then the input gradient in one more, when it is wanted.</summary>
    protected override void BatchNormBackward<T>(Tensor? gradInput, Tensor gradWeight, Tensor gradBias, Tensor g, Tensor x, Tensor mean,
        Tensor invStd, Tensor? weight, bool batchStatistics)
    {
        var layout = ChannelsOf(x);
        int channels = layout.Channels;
        T[] gs = g.Data<T>(), xs = x.Data<T>(), mu = PerChannel<T>(mean), r = PerChannel<T>(invStd);
        T[] sumG = gradBias.Data<T>(), sumGX = new T[channels], dWeight = gradWeight.Data<T>();
        BatchNormKernel.Sums(gs, g.offset, xs, x.offset, layout, mu, centreU: false, sumG, sumGX);
        for (int c = 0; c < channels; c++) dWeight[c] = sumGX[c] * r[c];
        if (gradInput is null) return;

        var gamma = Gamma<T>(weight, channels);
        var scale = new T[channels];
        for (int c = 0; c < channels; c++) scale[c] = gamma[c] * r[c];
        if (batchStatistics)
        {
            var m = T.CreateChecked(layout.PerChannel);
            T[] meanG = new T[channels], k = new T[channels];
            for (int c = 0; c < channels; c++)
            {
                meanG[c] = sumG[c] / m;
                k[c] = sumGX[c] / m * r[c] * r[c];
            }
            BatchNormKernel.InputGradient(gs, g.offset, xs, x.offset, layout, meanG, mu, k, scale, gradInput.Data<T>());
        }
        else
            BatchNormKernel.Affine(gs, g.offset, layout, new T[channels], scale, Ones<T>(channels), null, gradInput.Data<T>());
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
