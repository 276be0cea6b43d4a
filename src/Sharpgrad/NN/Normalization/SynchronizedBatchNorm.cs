namespace Sharpgrad.NN;

/// <summary>
/// Batch normalisation with the statistics of the global batch spread over several processes (PyTorch's
/// SyncBatchNorm; Ioffe &amp; Szegedy 2015 with the batch of GBC §12.1.3's data parallelism). Each process sums its
/// input per channel, Σx and Σx², and counts its values m_r; one <see cref="IBatchStatisticsSync.SumOverProcesses"/>
/// adds these up, so μ = Σx/m and σ² = Σx²/m − μ² over the m = Σ m_r values of every process. The rest is batch norm
/// written with tensor ops, y = (x − μ)/√(σ² + ε)·γ + β, so autograd gives the closed-form backward; the gradient
/// reaches the sums, whose backward adds the two per-channel gradient sums over the processes (the second
/// communication PyTorch's SyncBatchNorm makes). The running statistics take the unbiased σ²·m/(m − 1) of the global
/// batch. With the sums of squares the variance loses about log₁₀(μ²/σ²) digits to cancellation; in float64 on
/// standardised activations this is far below the other rounding.
/// </summary>
internal static class SynchronizedBatchNorm
{
    public static Tensor Forward(string layer, Tensor input, IBatchStatisticsSync sync, Tensor? runningMean, Tensor? runningVar,
        Tensor? weight, Tensor? bias, double momentum, double eps)
    {
        int channels = input.Size(1);
        var dims = Enumerable.Range(0, input.Rank).Where(d => d != 1).ToArray();
        var perChannel = Enumerable.Range(0, input.Rank).Select(d => d == 1 ? channels : 1).ToArray();
        var count = Tensor.Full([1], input.Count / channels, input.DType);
        var sums = sync.SumOverProcesses(Tensor.Cat([input.Sum(dims), input.Square().Sum(dims), count]));
        double m = sums.Narrow(0, 2 * channels, 1).Item();
        if (m <= 1)
            throw new ArgumentException($"{layer}: expected more than 1 value per channel over all processes when training, got {m} (input of shape {input.ShapeText} on this process).");
        var mean = sums.Narrow(0, 0, channels) / m;
        var variance = sums.Narrow(0, channels, channels) / m - mean.Square();
        if (runningMean is not null && runningVar is not null)
            using (Autograd.NoGrad())
            {
                runningMean.CopyFrom(runningMean * (1 - momentum) + mean.Detach().To(runningMean.DType) * momentum);
                runningVar.CopyFrom(runningVar * (1 - momentum) + variance.Detach().To(runningVar.DType) * (m / (m - 1) * momentum));
            }
        var y = (input - mean.Reshape(perChannel)) * (variance + eps).Rsqrt().Reshape(perChannel);
        if (weight is not null) y = y * weight.Reshape(perChannel);
        if (bias is not null) y = y + bias.Reshape(perChannel);
        return y;
    }
}
