using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.Backends.Reference;

// The three maps of a convolution as the sums that define them (GBC §9.5), one output element at a time: a sum over
// the input channels of the element's group and the kernel taps, skipping taps that fall into the zero padding.
// Shapes: x [N, C, input], y [N, O, output], w [O, C/G, taps], with every spatial extent flattened row-major.
internal sealed partial class ReferenceBackend
{
    public override ConvolutionPlan PlanConvolution(ConvGeometry geometry, int groups, int outChannels, DType dtype)
        => new(geometry, groups, outChannels, dtype);

    public override void ConvForward(ConvolutionPlan plan, Tensor y, Tensor x, Tensor w, Tensor? bias, bool inference)
    {
        RequireOwn("ConvForward", y, x, w, bias);
        if (y.DType == DType.Float32) ConvForward<float>(plan, y, x, w, bias);
        else ConvForward<double>(plan, y, x, w, bias);
    }

    public override void ConvAdjoint(ConvolutionPlan plan, Tensor x, Tensor y, Tensor w, Tensor? bias)
    {
        RequireOwn("ConvAdjoint", x, y, w, bias);
        if (x.DType == DType.Float32) ConvAdjoint<float>(plan, x, y, w, bias);
        else ConvAdjoint<double>(plan, x, y, w, bias);
    }

    public override void ConvWeightGradient(ConvolutionPlan plan, Tensor gradient, Tensor x, Tensor y)
    {
        RequireOwn("ConvWeightGradient", gradient, x, y);
        if (gradient.DType == DType.Float32) ConvWeightGradient<float>(plan, gradient, x, y);
        else ConvWeightGradient<double>(plan, gradient, x, y);
    }

    public override void ChannelSums(Tensor sums, Tensor t)
    {
        RequireOwn("ChannelSums", sums, t);
        if (t.DType == DType.Float32) ChannelSums<float>(sums, t);
        else ChannelSums<double>(sums, t);
    }

    /// <summary>
    /// GBC eq. 9.8, Z_{i,j,k} = Σ_{l,m,n} V_{l,(j−1)s+m,(k−1)s+n} K_{i,l,m,n}, plus the bias, with the sum running over
    /// the input channels l of output channel i's group only.
    /// </summary>
    private static void ConvForward<T>(ConvolutionPlan plan, Tensor y, Tensor x, Tensor w, Tensor? bias) where T : unmanaged, INumber<T>
    {
        var (g, at) = (plan.Geometry, ConvOperands.Of(plan, x, y, w));
        T[] yData = y.Data<T>(), xData = x.Data<T>(), wData = w.Data<T>();
        for (int n = 0; n < g.Batch; n++)
            for (int o = 0; o < plan.OutChannels; o++)
                for (int p = 0; p < g.OutputVolume; p++)
                {
                    T sum = Bias<T>(bias, o);
                    for (int c = 0; c < at.GroupChannels; c++)
                        for (int k = 0; k < g.KernelVolume; k++)
                        {
                            int pixel = ConvolutionTaps.InputPixel(g, p, k);
                            if (pixel >= 0) sum += wData[at.W[o, c, k]] * xData[at.X[n, at.InputChannel(o, c), pixel]];
                        }
                    yData[at.Y[n, o, p]] = sum;
                }
    }

    /// <summary>
    /// GBC eqs. 9.12–9.13, h(K, G, s)_{i,j,k} = Σ_{l,m: (l−1)s+m=j} Σ_{n,p: (n−1)s+p=k} Σ_q K_{q,i,m,p} G_{q,l,n}: each
    /// input pixel gathers the output gradient of every (position, tap) that read it, over the output channels q of its
    /// group, plus the bias.
    /// </summary>
    private static void ConvAdjoint<T>(ConvolutionPlan plan, Tensor x, Tensor y, Tensor w, Tensor? bias) where T : unmanaged, INumber<T>
    {
        var (g, at) = (plan.Geometry, ConvOperands.Of(plan, x, y, w));
        T[] xData = x.Data<T>(), yData = y.Data<T>(), wData = w.Data<T>();
        for (int n = 0; n < g.Batch; n++)
            for (int channel = 0; channel < g.Channels; channel++)
                for (int pixel = 0; pixel < g.InputVolume; pixel++)
                {
                    T sum = Bias<T>(bias, channel);
                    int group = channel / at.GroupChannels, c = channel % at.GroupChannels;
                    for (int q = group * at.GroupOutChannels; q < (group + 1) * at.GroupOutChannels; q++)
                        for (int k = 0; k < g.KernelVolume; k++)
                        {
                            int p = ConvolutionTaps.OutputPosition(g, pixel, k);
                            if (p >= 0) sum += wData[at.W[q, c, k]] * yData[at.Y[n, q, p]];
                        }
                    xData[at.X[n, channel, pixel]] = sum;
                }
    }

    /// <summary>
    /// GBC eq. 9.11, g(G, V, s)_{i,j,k,l} = Σ_{m,n} G_{i,m,n} V_{j,(m−1)s+k,(n−1)s+l}, also summed over the images of
    /// the batch: each weight gathers the output gradient times the input pixel it multiplied.
    /// </summary>
    private static void ConvWeightGradient<T>(ConvolutionPlan plan, Tensor gradient, Tensor x, Tensor y) where T : unmanaged, INumber<T>
    {
        var (g, at) = (plan.Geometry, ConvOperands.Of(plan, x, y, gradient));
        T[] gradientData = gradient.Data<T>(), xData = x.Data<T>(), yData = y.Data<T>();
        for (int o = 0; o < plan.OutChannels; o++)
            for (int c = 0; c < at.GroupChannels; c++)
                for (int k = 0; k < g.KernelVolume; k++)
                {
                    T sum = T.Zero;
                    for (int n = 0; n < g.Batch; n++)
                        for (int p = 0; p < g.OutputVolume; p++)
                        {
                            int pixel = ConvolutionTaps.InputPixel(g, p, k);
                            if (pixel >= 0) sum += yData[at.Y[n, o, p]] * xData[at.X[n, at.InputChannel(o, c), pixel]];
                        }
                    gradientData[at.W[o, c, k]] = sum;
                }
    }

    /// <summary>The bias's gradient: Σ over images and positions of each channel, in that order.</summary>
    private static void ChannelSums<T>(Tensor sums, Tensor t) where T : unmanaged, INumber<T>
    {
        T[] sumsData = sums.Data<T>(), tData = t.Data<T>();
        int batch = t.shape[0], channels = t.shape[1], length = ShapeUtil.Product(t.shape, 2, t.Rank);
        var tAt = new DenseIndex(t.offset, channels, length);
        for (int c = 0; c < channels; c++)
        {
            T sum = T.Zero;
            for (int n = 0; n < batch; n++)
                for (int l = 0; l < length; l++) sum += tData[tAt[n, c, l]];
            sumsData[sums.offset + c] = sum;
        }
    }

    private static T Bias<T>(Tensor? bias, int channel) where T : unmanaged, INumber<T>
        => bias is null ? T.Zero : bias.Data<T>()[bias.offset + channel];
}
