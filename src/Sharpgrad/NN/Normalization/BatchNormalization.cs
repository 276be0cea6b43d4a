using System.Numerics;
using Sharpgrad.Kernels;

namespace Sharpgrad.NN;

/// <summary>
/// Batch normalisation (GBC §8.7.1) as one recorded op over [N, C, ...], computed by <see cref="BatchNormKernel"/>:
/// the statistics in two passes per channel (the mean, then the squared deviations from it), the normalisation and
/// affine map in one, and the backward in two (Σg and Σg·(x − μ), then the input gradient).
/// </summary>
/// <remarks>
/// The backward uses the closed form of Ioffe &amp; Szegedy (2015, §3): with x̂ = (x − μ)/σ,
/// ∂L/∂x = γ/σ·(g − mean(g) − x̂·mean(g·x̂)) with batch statistics, γ/σ·g with running ones, and ∂L/∂γ = Σ g·x̂,
/// ∂L/∂β = Σ g. When the backward itself is recorded (createGraph), it is written with tensor ops instead, recomputing
/// μ and σ from the input so that it can be differentiated again. The running statistics are constants, never
/// differentiated (as in PyTorch).
/// </remarks>
internal static class BatchNormalization
{
    /// <param name="batchStatistics">normalise with the batch's statistics, else with the running ones</param>
    /// <param name="momentum">when updating the running statistics, the weight of this batch's</param>
    public static Tensor Forward(string op, Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool batchStatistics, bool updateRunning, double momentum, double eps)
        => input.DType == DType.Float32
            ? Forward<float>(op, input, runningMean, runningVar, weight, bias, batchStatistics, updateRunning, momentum, eps)
            : Forward<double>(op, input, runningMean, runningVar, weight, bias, batchStatistics, updateRunning, momentum, eps);

    private static Tensor Forward<T>(string op, Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool batchStatistics, bool updateRunning, double momentum, double eps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = input.Detach().Contiguous();
        var layout = new ChannelLayout(x.Size(0), x.Size(1), x.shape[2..].Aggregate(1, (a, s) => a * s));
        int channels = layout.Channels;
        T[] xs = x.Data<T>(), mean, invStd;
        if (batchStatistics)
        {
            int m = layout.PerChannel;
            T[] sums = new T[channels], squares = new T[channels], unused = new T[channels];
            BatchNormKernel.Sums(xs, x.offset, xs, x.offset, layout, new T[channels], centreU: false, sums, unused);
            mean = sums.Select(s => s / T.CreateChecked(m)).ToArray();
            BatchNormKernel.Sums(xs, x.offset, xs, x.offset, layout, mean, centreU: true, unused, squares);
            var variance = Tensor.FromArray(squares.Select(s => s / T.CreateChecked(m)).ToArray(), channels);
            if (updateRunning)
                using (Autograd.NoGrad())
                {
                    runningMean!.CopyFrom(runningMean * (1 - momentum) + Tensor.FromArray(mean, channels) * momentum);
                    runningVar!.CopyFrom(runningVar * (1 - momentum) + variance * ((double)m / (m - 1) * momentum));
                }
            invStd = (variance + eps).Rsqrt().ToArray<T>();
        }
        else
        {
            mean = runningMean!.Detach().To(input.DType).ToArray<T>();
            invStd = (runningVar!.Detach().To(input.DType) + eps).Rsqrt().ToArray<T>();
        }
        var gamma = weight?.Detach().ToArray<T>() ?? Enumerable.Repeat(T.One, channels).ToArray();
        var y = Tensor.Empty(input.DType, input.Shape);
        BatchNormKernel.Affine(xs, x.offset, layout, mean, invStd, gamma, bias?.Detach().ToArray<T>(), y.Data<T>());

        var inputs = new List<Tensor> { input };
        if (weight is not null) inputs.Add(weight);
        if (bias is not null) inputs.Add(bias);
        return y.Record(op, [.. inputs], g =>
        {
            var (dx, dWeight, dBias) = Autograd.IsGradEnabled
                ? RecordedBackward(g, input, weight, batchStatistics, mean, invStd, eps)
                : Backward(g, x, layout, input.RequiresGrad, batchStatistics, mean, invStd, gamma);
            var grads = new List<Tensor?> { dx };
            if (weight is not null) grads.Add(dWeight);
            if (bias is not null) grads.Add(dBias);
            return [.. grads];
        });
    }

    /// <summary>The closed-form backward through the kernels; the input gradient only when the input needs it.</summary>
    private static (Tensor? Input, Tensor Weight, Tensor Bias) Backward<T>(Tensor gradient, Tensor x, ChannelLayout layout, bool wantInput,
        bool batchStatistics, T[] mean, T[] invStd, T[] gamma) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int channels = layout.Channels;
        var g = gradient.Contiguous();
        T[] gs = g.Data<T>(), xs = x.Data<T>(), sumG = new T[channels], sumGX = new T[channels];
        BatchNormKernel.Sums(gs, g.offset, xs, x.offset, layout, mean, centreU: false, sumG, sumGX);
        var weightGrad = Tensor.FromArray(sumGX.Select((s, c) => s * invStd[c]).ToArray(), channels);
        var biasGrad = Tensor.FromArray(sumG, channels);
        if (!wantInput) return (null, weightGrad, biasGrad);

        var dx = Tensor.Empty(x.DType, x.Shape);
        var scale = gamma.Select((w, c) => w * invStd[c]).ToArray();
        if (batchStatistics)
        {
            var m = T.CreateChecked(layout.PerChannel);
            var meanG = sumG.Select(s => s / m).ToArray();
            var k = sumGX.Select((s, c) => s / m * invStd[c] * invStd[c]).ToArray();
            BatchNormKernel.InputGradient(gs, g.offset, xs, x.offset, layout, meanG, mean, k, scale, dx.Data<T>());
        }
        else
            BatchNormKernel.Affine(gs, g.offset, layout, new T[channels], scale, Enumerable.Repeat(T.One, channels).ToArray(), null, dx.Data<T>());
        return (dx, weightGrad, biasGrad);
    }

    /// <summary>The same backward as tensor ops, recorded so that it can be differentiated again.</summary>
    private static (Tensor? Input, Tensor Weight, Tensor Bias) RecordedBackward<T>(Tensor g, Tensor input, Tensor? weight,
        bool batchStatistics, T[] mean, T[] invStd, double eps) where T : unmanaged
    {
        var dims = Enumerable.Range(0, input.Rank).Where(d => d != 1).ToArray();
        var perChannel = Enumerable.Range(0, input.Rank).Select(d => d == 1 ? input.Size(1) : 1).ToArray();
        var gamma = weight?.Reshape(perChannel);
        Tensor normalized, dx;
        if (batchStatistics)
        {
            var centered = input - input.Mean(dims, keepdim: true);
            var r = (centered.Square().Mean(dims, keepdim: true) + eps).Rsqrt();
            normalized = centered * r;
            var gx = gamma is null ? g : g * gamma;
            dx = (gx - gx.Mean(dims, keepdim: true) - normalized * (gx * normalized).Mean(dims, keepdim: true)) * r;
        }
        else
        {
            var r = Tensor.FromArray(invStd, perChannel);
            normalized = (input - Tensor.FromArray(mean, perChannel)) * r;
            dx = g * (gamma is null ? r : gamma * r);
        }
        return (dx, (g * normalized).Sum(dims), g.Sum(dims));
    }
}
