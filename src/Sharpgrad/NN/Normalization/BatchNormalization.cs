namespace Sharpgrad.NN;

/// <summary>
/// Batch normalisation (GBC §8.7.1) as one recorded op over [N, C, ...], computed by the backend's batch-norm
/// primitives (Backends/Backend.BatchNorm.cs) on the input's device: the statistics per channel (the mean, then the
/// squared deviations from it), the normalisation and affine map, and the closed-form backward.
/// </summary>
/// <remarks>
/// The backward uses the closed form of Ioffe &amp; Szegedy (2015, §3): with x̂ = (x − μ)/σ,
/// ∂L/∂x = γ/σ·(g − mean(g) − x̂·mean(g·x̂)) with batch statistics, γ/σ·g with running ones, and ∂L/∂γ = Σ g·x̂,
/// ∂L/∂β = Σ g. When the backward itself is recorded (createGraph), it is written with tensor ops instead, recomputing
/// μ and σ from the input so that it can be differentiated again. The running statistics are constants, never
/// differentiated (as in PyTorch).
/// <para>
/// Fused with what follows it in a residual network (He et al. 2016, Fig. 2), the op computes ReLU(BN(x) + r): the
/// residual add and the ReLU run in the normalisation's pass, and the backward takes g through the ReLU from the
/// saved output, g·[y &gt; 0], in batch norm's own sweep. That is the unfused Add, ReLU and ReLU-backward arithmetic,
/// operation for operation, so the results are the same bits (tested against the composition).
/// </para>
/// </remarks>
internal static class BatchNormalization
{
    /// <param name="batchStatistics">normalise with the batch's statistics, else with the running ones</param>
    /// <param name="momentum">when updating the running statistics, the weight of this batch's</param>
    /// <param name="residual">added after the affine map (the input's shape), or null</param>
    /// <param name="relu">apply max(·, 0) last</param>
    public static Tensor Forward(string op, Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias,
        bool batchStatistics, bool updateRunning, double momentum, double eps, Tensor? residual = null, bool relu = false)
    {
        Device.Of(op, input, runningMean ?? input, runningVar ?? input, weight ?? input, bias ?? input, residual ?? input);  // fails on mixed devices
        var x = SavedInput.Of(input, weight);
        int channels = x.Size(1), m = channels == 0 ? 0 : x.Count / channels;
        Tensor mean, invStd;
        if (batchStatistics)
        {
            mean = Tensor.Uninitialized(x.DType, [channels], x.Device);
            var variance = Tensor.Uninitialized(x.DType, [channels], x.Device);
            x.Backend.BatchNormStatistics(mean, variance, x);
            if (updateRunning)
                using (Autograd.NoGrad())
                {
                    runningMean!.CopyFrom(runningMean * (1 - momentum) + mean * momentum);
                    runningVar!.CopyFrom(runningVar * (1 - momentum) + variance * ((double)m / (m - 1) * momentum));
                }
            invStd = (variance + eps).Rsqrt();
        }
        else
        {
            // A copy: the running statistics may be updated in place before this op's backward runs.
            mean = runningMean!.Detach().To(input.DType).Clone();
            invStd = (runningVar!.Detach().To(input.DType) + eps).Rsqrt();
        }
        var gamma = weight?.Detach();
        var y = Tensor.UninitializedLike(x);
        x.Backend.BatchNormForward(y, x, mean, invStd, gamma, bias?.Detach(), residual?.Detach().Contiguous(), relu);

        var reluOutput = relu ? y : null;
        return AffineNormalizationNode.Record(y, op, input, weight, bias, residual, g => Autograd.IsGradEnabled
            ? RecordedBackward(g, input, weight, batchStatistics, mean, invStd, eps, reluOutput)
            : Backward(g, x, input.RequiresGrad, batchStatistics, mean, invStd, gamma, reluOutput, residual is { RequiresGrad: true }));
    }

    /// <summary>
    /// The closed-form backward in one primitive; the input gradient only when the input needs it, and the residual's
    /// (the gradient through the ReLU, or g itself) when there is one that needs it.
    /// </summary>
    private static (Tensor? Input, Tensor? Weight, Tensor? Bias, Tensor? Residual) Backward(Tensor gradient, Tensor x, bool wantInput,
        bool batchStatistics, Tensor mean, Tensor invStd, Tensor? gamma, Tensor? reluOutput, bool wantResidual)
    {
        var g = gradient.Contiguous();
        int channels = x.Size(1);
        var weightGrad = Tensor.Uninitialized(x.DType, [channels], x.Device);
        var biasGrad = Tensor.Uninitialized(x.DType, [channels], x.Device);
        var dx = wantInput ? Tensor.UninitializedLike(x) : null;
        var masked = wantResidual && reluOutput is not null ? Tensor.UninitializedLike(x) : null;
        x.Backend.BatchNormBackward(dx, weightGrad, biasGrad, g, x, mean, invStd, gamma, batchStatistics, reluOutput, masked);
        return (dx, weightGrad, biasGrad, wantResidual ? masked ?? g : null);
    }

    /// <summary>
    /// The same backward as tensor ops, recorded so that it can be differentiated again; through the ReLU first as
    /// ReLU's own recorded backward does (g times the mask as a constant: its derivative is zero almost everywhere).
    /// </summary>
    private static (Tensor? Input, Tensor? Weight, Tensor? Bias, Tensor? Residual) RecordedBackward(Tensor gradient, Tensor input, Tensor? weight,
        bool batchStatistics, Tensor mean, Tensor invStd, double eps, Tensor? reluOutput)
    {
        var g = reluOutput is null ? gradient : gradient * reluOutput.Detach().Gt(0).To(gradient.DType);
        var dims = Enumerable.Range(0, input.Rank).Where(d => d != 1).ToArray();
        var perChannel = Enumerable.Range(0, input.Rank).Select(d => d == 1 ? input.Size(1) : 1).ToArray();
        var gamma = weight?.Reshape(perChannel);
        Tensor normalized, dx;
        if (batchStatistics)
        {
            (normalized, dx) = AffineNormalizationNode.RecordedBackward(g, input, dims, gamma, eps);
        }
        else
        {
            var r = invStd.Reshape(perChannel);
            normalized = (input - mean.Reshape(perChannel)) * r;
            dx = g * (gamma is null ? r : gamma * r);
        }
        return (dx, (g * normalized).Sum(dims), g.Sum(dims), g);
    }
}
